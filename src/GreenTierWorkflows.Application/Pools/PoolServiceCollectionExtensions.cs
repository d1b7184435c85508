using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Pools;

public static class PoolServiceCollectionExtensions
{
    /// <summary>The cultivation pools' use case (it registers enterprises through the registry's, see AddRegistry).</summary>
    public static IServiceCollection AddPools(this IServiceCollection services) => services.AddScoped<CultivationPool>();
}
