using GreenTierWorkflows.Domain.Activities;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>A review task was handed out (<c>GreenTier.ReviewTask</c> started waiting); its id is the bookmark's.</summary>
public sealed record ReviewTaskOpened(string TaskId, string? Title, string? Stage, string? Role, string? District, IReadOnlyList<string>? Outcomes,
    string? FormKey, DateTimeOffset? DueAt, string? DefinitionId,
    IReadOnlyList<Tasks.ChecklistItem>? Checklist = null) : INominationEffect
{
    public static string Kind => EffectKinds.TaskOpened;
}
