using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>Applies one kind of workflow effect to the bureau's tables (one handler per kind, registered in DI).</summary>
public interface IEffectHandler
{
    /// <summary>The effect kind this handler applies.</summary>
    string Kind { get; }

    /// <summary>Applies the effect in the applier's transaction (changes are saved by the applier with its cursor).</summary>
    Task ApplyAsync(EffectApplication application, CancellationToken ct);
}
