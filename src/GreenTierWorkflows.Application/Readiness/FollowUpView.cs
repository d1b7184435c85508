using GreenTierWorkflows.Domain.Pools;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>One checklist line as stored: the criterion, guidance, who follows up, by when, done when, last changed by whom.</summary>
public sealed record FollowUpView(string CriterionKey, string? Guidance, string? Assignee, DateOnly? DueOn, DateOnly? DoneOn, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static FollowUpView Of(GapFollowUp f) => new(f.CriterionKey, f.Guidance, f.Assignee, f.DueOn, f.DoneOn, f.UpdatedAt, f.UpdatedBy);
}
