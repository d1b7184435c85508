using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>A review task as the inbox and the task page show it (overdue as of the request).</summary>
public sealed record TaskView(string Id, string NominationId, string Title, string Stage, string AssigneeRole, string AssigneeRoleName,
    string DistrictCode, string DistrictName, IReadOnlyList<string> Outcomes, string FormKey, NominationType NominationType, string TypeName,
    int Year, string ApplicantName, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Overdue, ReviewTaskStatus Status,
    string? ClaimedByName, string? Outcome, string? Comment, string? CompletedByName, DateTimeOffset? CompletedAt,
    string WorkflowDefinitionId, int WorkflowVersion, string WorkflowInstanceId, Tier? TargetTier = null, string? TargetTierName = null,
    IReadOnlyList<ChecklistItem>? Checklist = null, IReadOnlyList<ChecklistAnswer>? ChecklistAnswers = null)
{
    public static TaskView From(ReviewTask t, DateTimeOffset now, Tier? targetTier = null) => new(t.Id, t.NominationId, t.Title, t.Stage, t.AssigneeRole,
        Roles.DisplayName(t.AssigneeRole), t.DistrictCode, HuangshanUnits.NameOf(t.DistrictCode), t.Outcomes, t.FormKey, t.NominationType,
        DomainText.Of(t.NominationType), t.Year, t.ApplicantName, t.CreatedAt, t.DueAt, t.IsOverdue(now), t.Status, t.ClaimedByName,
        t.Outcome, t.Comment, t.CompletedByName, t.CompletedAt, t.WorkflowDefinitionId, t.WorkflowVersion, t.WorkflowInstanceId,
        targetTier, targetTier is { } tier ? DomainText.Of(tier) : null, t.Checklist, t.ChecklistAnswers);
}
