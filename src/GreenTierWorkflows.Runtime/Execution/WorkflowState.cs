using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GreenTierWorkflows.Runtime.Bookmarks;

namespace GreenTierWorkflows.Runtime.Execution;

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum WorkflowStatus { Running, Finished }

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum WorkflowSubStatus { Pending, Executing, Suspended, Finished, Cancelled, Faulted }

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum ActivityStatus { Running, Completed, Canceled, Faulted }

/// <summary>Which of Elsa's two flowchart engines runs flowcharts of an instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum FlowchartExecutionMode { CounterBased, TokenBased }

/// <summary>
/// Everything persisted about one workflow instance between steps. Pinned to the definition version that started it.
/// </summary>
public sealed class WorkflowState
{
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string DefinitionVersionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public string? Name { get; set; }
    public string? CorrelationId { get; set; }
    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;
    public WorkflowSubStatus SubStatus { get; set; } = WorkflowSubStatus.Pending;
    public FlowchartExecutionMode FlowchartMode { get; set; }
    public string? TriggerActivityId { get; set; }
    /// <summary>Variable values by variable name.</summary>
    public JsonObject Variables { get; set; } = new();
    public JsonObject Input { get; set; } = new();
    public JsonObject Output { get; set; } = new();
    /// <summary>
    /// Elsa's instance properties; a child started by <c>Elsa.ExecuteWorkflow</c>/<c>Elsa.DispatchWorkflow</c> keeps
    /// <c>ParentInstanceId</c>, <c>WaitForCompletion</c> and <c>ParentActivityType</c> here. Null when there are none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Properties { get; set; }
    /// <summary>Activity executions still in progress (completed ones are only in the journal).</summary>
    public List<ActivityContextState> Contexts { get; set; } = [];
    public List<Bookmark> Bookmarks { get; set; } = [];
    public List<WorkflowIncident> Incidents { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Next journal sequence number for this instance.</summary>
    public long JournalSequence { get; set; }

    public static WorkflowStatus MainStatus(WorkflowSubStatus sub) =>
        sub is WorkflowSubStatus.Finished or WorkflowSubStatus.Cancelled or WorkflowSubStatus.Faulted ? WorkflowStatus.Finished : WorkflowStatus.Running;
}

/// <summary>The persisted part of an activity execution that is still running (e.g. a flowchart, a blocked task).</summary>
public sealed class ActivityContextState
{
    public string Id { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string? ParentId { get; set; }
    public ActivityStatus Status { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Properties { get; set; }
    public JsonObject? ScheduleInput { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>A fault recorded against an activity; the instance is then Faulted.</summary>
public sealed record WorkflowIncident(string ActivityId, string ActivityNodeId, string ActivityType, string Message, string? ExceptionType, DateTimeOffset Timestamp);

/// <summary>One line of the execution journal (Elsa's workflow execution log).</summary>
public sealed record JournalEntry
{
    public required string WorkflowInstanceId { get; init; }
    public long Sequence { get; init; }
    public required string ActivityInstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityNodeId { get; init; }
    public required string ActivityType { get; init; }
    public string? ActivityName { get; init; }
    /// <summary>Started, Completed, Faulted, Canceled, Resumed, Suspended.</summary>
    public required string EventName { get; init; }
    public string? Outcome { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>Inputs recorded according to the log persistence settings.</summary>
    public JsonObject? ActivityState { get; init; }
}
