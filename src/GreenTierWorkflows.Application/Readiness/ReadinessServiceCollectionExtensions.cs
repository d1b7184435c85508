using GreenTierWorkflows.Application.Windows;
using GreenTierWorkflows.Infrastructure.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Readiness;

public static class ReadinessServiceCollectionExtensions
{
    /// <summary>The readiness ladder: its rules files (section <c>Readiness</c>, checked on start), the default windows, the use case, the notices and the standings' refresh the scheduler runs, the recorder of changes to the standings' facts, the rebuild that follows a moved window.</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadinessOptions>().Bind(configuration.GetSection(ReadinessOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReadinessOptions>, ReadinessOptionsValidator>();
        services.AddSingleton<ReadinessRuleCatalog>();
        services.AddSingleton(_ => new ReadinessWindowDefaults(
            configuration.GetSection("DeclarationWindows:Defaults").Get<List<DeclarationWindowDefault>>() ?? []));
        services.AddScheduledCheck<IReadinessNoticeCheck, ReadinessNoticeMonitor>();
        services.AddScoped<IReadinessStandingRefresh>(sp => sp.GetRequiredService<ReadinessService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, MemberStandingInvalidator>());
        services.TryAddSingleton<StandingRebuildOnWindowChange>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, StandingRebuildOnWindowChange>(sp => sp.GetRequiredService<StandingRebuildOnWindowChange>()));
        return services.AddScoped<ReadinessService>().AddScoped<ReadinessPlanner>();
    }
}
