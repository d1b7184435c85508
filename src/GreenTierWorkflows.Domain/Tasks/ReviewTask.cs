using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Stages;

namespace GreenTierWorkflows.Domain.Tasks;

public enum ReviewTaskStatus { Open, Completed, Cancelled }

/// <summary>
/// A human step waiting in a workflow (区县初审, 市级评审, 现场核查 …), projected from the <c>GreenTier.ReviewTask</c>
/// activity. Its id is the workflow bookmark's id, so completing it resumes exactly that bookmark, once.
/// </summary>
public sealed class ReviewTask : IDistrictOwned
{
    public string Id { get; set; } = "";
    public string NominationId { get; set; } = "";
    public string WorkflowInstanceId { get; set; } = "";
    public string WorkflowDefinitionId { get; set; } = "";
    public int WorkflowVersion { get; set; }
    public string ActivityId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Stage { get; set; } = "";
    /// <summary>Role that may act on it.</summary>
    public string AssigneeRole { get; set; } = "";
    /// <summary>The nomination's district (scope of district officials).</summary>
    public string DistrictCode { get; set; } = "";
    /// <summary>Outcomes offered (the activity's ports), e.g. 通过 / 退回修改 / 不通过.</summary>
    public List<string> Outcomes { get; set; } = [];
    /// <summary>Which decision form the UI shows (review, verification, recommendation, province, revision …).</summary>
    public string FormKey { get; set; } = FormKeys.Review;
    public NominationType NominationType { get; set; }
    public int Year { get; set; }
    public string ApplicantName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public ReviewTaskStatus Status { get; set; }
    public string? ClaimedById { get; set; }
    public string? ClaimedByName { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedById { get; set; }
    public string? CompletedByName { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    /// <summary>The on-site checklist (核查表) the workflow step asks to be answered; empty for steps without one.</summary>
    public List<ChecklistItem> Checklist { get; set; } = [];
    /// <summary>The checklist's answers, stored with the decision (empty until decided, or when the step has no checklist).</summary>
    public List<ChecklistAnswer> ChecklistAnswers { get; set; } = [];
    /// <summary>When the overdue notice went out (null: not yet).</summary>
    public DateTimeOffset? OverdueNotifiedAt { get; set; }
    /// <summary>When the supervisor was told after the grace period (null: not yet).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }
    public long Revision { get; set; }

    public bool IsOverdue(DateTimeOffset now) => Status == ReviewTaskStatus.Open && DueAt is { } due && due < now;
}
