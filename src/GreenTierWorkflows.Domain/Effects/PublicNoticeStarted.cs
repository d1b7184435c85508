using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>A 公示 period began (<see cref="Days"/> working or calendar days).</summary>
public sealed record PublicNoticeStarted(string? Level, int Days, bool WorkingDays, DateTimeOffset? StartsOn, DateTimeOffset? EndsOn) : INominationEffect
{
    public static string Kind => EffectKinds.PublicNoticeStarted;
}
