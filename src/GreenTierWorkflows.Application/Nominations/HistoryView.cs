using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>One line of a nomination's 办理历史: who, when, what, at which stage and workflow version.</summary>
public sealed record HistoryView(DateTimeOffset At, string ActorName, string Action, string? Stage, string? Comment, string? WorkflowDefinitionId, int? WorkflowVersion, string? TaskId)
{
    public static HistoryView From(NominationEvent e) => new(e.At, e.ActorName, e.Action, e.Stage, e.Comment, e.WorkflowDefinitionId, e.WorkflowVersion, e.TaskId);
}
