using Microsoft.AspNetCore.Mvc;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>One line of a nomination's 办理历史: who, when, what, at which stage and workflow version.</summary>
public sealed record HistoryView(DateTimeOffset At, string ActorName, string Action, string? Stage, string? Comment, string? WorkflowDefinitionId, int? WorkflowVersion, string? TaskId);
