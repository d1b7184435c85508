using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>The registry's use cases (units, enterprises, parks), one unit of work per scope.</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services) =>
        services.AddScoped<UnitDirectory>().AddScoped<EnterpriseRegistry>().AddScoped<EnterpriseDossier>().AddScoped<ParkRegistry>();
}
