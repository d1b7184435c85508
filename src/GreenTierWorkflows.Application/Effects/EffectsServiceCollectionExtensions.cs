using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Runtime;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Application.Effects;

public static class EffectsServiceCollectionExtensions
{
    /// <summary>
    /// The post-commit pipeline of the nominations: effects are applied right after the step that emitted them commits,
    /// by an observer the runtime calls itself, so a caller reading the tables afterwards sees them. What failed there is
    /// retried by <see cref="EffectRetryService"/> and at the next step; the start-up tasks drain whatever a crash left.
    /// One handler per effect kind.
    /// </summary>
    public static IServiceCollection AddEffects(this IServiceCollection services)
    {
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<NominationEffectApplier>(sp,
            (IWorkflowEffectStore)sp.GetRequiredService<IWorkflowStore>()));
        services.AddSingleton<IEffectOutboxDrain>(sp => sp.GetRequiredService<NominationEffectApplier>());
        services.AddWorkflowStepObserver<EffectProjectionObserver>();
        services.AddSingleton<IEffectHandler, ReviewTaskOpenedHandler>();
        services.AddSingleton<IEffectHandler, ReviewTaskCompletedHandler>();
        services.AddSingleton<IEffectHandler, NominationStatusChangedHandler>();
        services.AddSingleton<IEffectHandler, PublicNoticeStartedHandler>();
        services.AddSingleton<IEffectHandler, PublicNoticeEndedHandler>();
        services.AddSingleton<IEffectHandler, NoticeRequestedHandler>();
        services.AddSingleton<IEffectHandler, ListingChangedHandler>();
        services.AddHostedService<EffectRetryService>();
        return services;
    }
}
