using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>安全审计 for administrators: <see cref="AuditTrail"/> (read); the log itself is Infrastructure's AddSecurityAudit.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services) => services.AddScoped<AuditTrail>();
}
