namespace GreenTierWorkflows.Domain.Effects;

/// <summary>
/// A workflow effect of the nomination activities: a typed record written by the activity that emits it and read by the
/// handler that applies it (<see cref="NominationEffectJson"/> keeps the stored JSON shape: camel-case keys).
/// </summary>
public interface INominationEffect
{
    /// <summary>The effect kind stored with the payload (<see cref="Activities.EffectKinds"/>).</summary>
    static abstract string Kind { get; }
}
