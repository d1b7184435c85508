using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>A 公示 period ended, at its end or by an objection (<see cref="Objections"/> &gt; 0, with its text and who recorded it).</summary>
public sealed record PublicNoticeEnded(string? Level, DateTimeOffset? EndsOn, int Objections, string? Objection, string? ActorName) : INominationEffect
{
    public static string Kind => EffectKinds.PublicNoticeEnded;
}
