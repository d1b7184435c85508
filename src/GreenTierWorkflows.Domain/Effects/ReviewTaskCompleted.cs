using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>A review task was decided; <see cref="Attachments"/> are the ids of the decision's files, stored pending until this is applied.</summary>
public sealed record ReviewTaskCompleted(string TaskId, string? Outcome, string? Comment, string? ActorId, string? ActorName,
    IReadOnlyList<string>? Attachments) : INominationEffect
{
    public static string Kind => EffectKinds.TaskCompleted;
}
