using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application;

internal static class ScheduledCheckServiceCollectionExtensions
{
    /// <summary>
    /// A monitor the scheduler runs: registered scoped as itself (hosted loops and tests use it) and as the check the
    /// infrastructure's recurring job asks for, the same instance within a scope.
    /// </summary>
    public static IServiceCollection AddScheduledCheck<TCheck, TMonitor>(this IServiceCollection services)
        where TCheck : class where TMonitor : class, TCheck
    {
        services.AddScoped<TMonitor>();
        services.AddScoped<TCheck>(sp => sp.GetRequiredService<TMonitor>());
        return services;
    }
}
