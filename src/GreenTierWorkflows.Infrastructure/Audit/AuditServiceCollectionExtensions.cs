using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GreenTierWorkflows.Infrastructure.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The security audit in the app's database: <see cref="IAuditLog"/> (append; reading it is the application's AuditTrail). Idempotent.</summary>
    public static IServiceCollection AddSecurityAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        // Try: composed by the host and by the nominations module alike; a test's own IAuditLog registered first stays.
        services.TryAddScoped<AuditCaller>();
        services.TryAddSingleton<AuditEntryWriter>();
        services.TryAddScoped<IAuditLog, EfAuditLog>();
        return services;
    }
}
