using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>A review task was decided; <see cref="Attachments"/> are the ids of the decision's files, stored pending until this is applied;
/// <see cref="Checklist"/> the on-site checklist's answers (none for a step without one, and in effects stored before).</summary>
public sealed record ReviewTaskCompleted(string TaskId, string? Outcome, string? Comment, string? ActorId, string? ActorName,
    IReadOnlyList<string>? Attachments, IReadOnlyList<Tasks.ChecklistAnswer>? Checklist = null) : INominationEffect
{
    public static string Kind => EffectKinds.TaskCompleted;
}
