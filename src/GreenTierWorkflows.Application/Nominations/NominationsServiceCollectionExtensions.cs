using GreenTierWorkflows.Application.Windows;
using GreenTierWorkflows.Domain.Windows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Nominations;

public static class NominationsServiceCollectionExtensions
{
    /// <summary>
    /// Nominations (drafting, materials, submission in a declaration window) and their settings, bound from the
    /// configuration handed in (a host without IConfiguration in its container, like the crash probe, composes this too)
    /// and validated on start.
    /// </summary>
    public static IServiceCollection AddNominations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NominationOptions>().Bind(configuration.GetSection(NominationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NominationOptions>, NominationOptionsValidator>();
        // The use cases take the settings themselves; they are read once, validated, like every IOptions value.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NominationOptions>>().Value);
        services.TryAddScoped<IDeclarationWindowPolicy, StoredDeclarationWindowPolicy>();
        services.AddScoped<NominationService>().AddScoped<NominationDraftRules>().AddScoped<StallExplainer>();
        return services;
    }
}
