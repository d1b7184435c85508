using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>
/// Something an activity asks the application to do outside the workflow (open a review task, change a nomination's
/// status, send a notice). Effects are committed in the same transaction as the step that produced them, so a crash can
/// neither lose one nor invent one; the application applies them afterwards in commit order (a transactional outbox).
/// </summary>
/// <param name="Id">Unique id (UUID v7); the application may use it to recognise an effect it has applied already.</param>
/// <param name="Kind">What to do, e.g. <c>review-task.opened</c>.</param>
public sealed record WorkflowEffect(string Id, string Kind, string WorkflowInstanceId, string? CorrelationId,
    string ActivityId, string ActivityInstanceId, int DefinitionVersion, JsonObject Payload, DateTimeOffset CreatedAt);

/// <summary>A committed effect and its position in commit order.</summary>
public sealed record StoredWorkflowEffect(long Sequence, WorkflowEffect Effect);
