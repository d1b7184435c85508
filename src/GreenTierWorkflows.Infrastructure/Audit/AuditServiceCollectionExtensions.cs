using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Infrastructure.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The security audit in the app's database: <see cref="IAuditLog"/> (append), <see cref="AuditTrail"/> (read).</summary>
    public static IServiceCollection AddSecurityAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AuditCaller>();
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddScoped<AuditTrail>();
        return services;
    }
}
