using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>Dynamic management changed a listing (<see cref="ChangeListingActivity"/>'s actions).</summary>
public sealed record ListingChanged(string? ListingId, int? Year, string? Action, string? Reason) : INominationEffect
{
    public static string Kind => EffectKinds.ListingChanged;
}
