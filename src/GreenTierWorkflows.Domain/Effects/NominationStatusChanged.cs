using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>The nomination's status (a <see cref="Nominations.NominationStatus"/> name) and stage changed; a listing names its tier.</summary>
public sealed record NominationStatusChanged(string? Status, string? Stage, string? ListedTier, string? Note) : INominationEffect
{
    public static string Kind => EffectKinds.StatusChanged;
}
