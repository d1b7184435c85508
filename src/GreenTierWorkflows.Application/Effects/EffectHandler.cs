using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>A handler of the typed effect <typeparamref name="T"/>: reads the stored payload into the record the activity wrote.</summary>
public abstract class EffectHandler<T> : IEffectHandler where T : INominationEffect
{
    public string Kind => T.Kind;

    public Task ApplyAsync(EffectApplication application, CancellationToken ct) =>
        ApplyAsync(application, NominationEffectJson.FromPayload<T>(application.Effect.Payload), ct);

    protected abstract Task ApplyAsync(EffectApplication application, T effect, CancellationToken ct);
}
