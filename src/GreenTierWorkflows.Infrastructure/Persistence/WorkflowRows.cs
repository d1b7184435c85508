using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>Table row of one workflow definition version: indexed columns plus the definition JSON.</summary>
public sealed class WorkflowDefinitionRow
{
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public bool IsReadonly { get; set; }
    public bool IsSystem { get; set; }
    public string? ToolVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Json { get; set; } = "";
}

/// <summary>Table row of one workflow instance: summary columns, the concurrency stamp and the serialised state.</summary>
public sealed class WorkflowInstanceRow
{
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string DefinitionVersionId { get; set; } = "";
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? CorrelationId { get; set; }
    public WorkflowStatus Status { get; set; }
    public WorkflowSubStatus SubStatus { get; set; }
    public int IncidentCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Optimistic concurrency token, incremented by every committed step.</summary>
    public long Stamp { get; set; }
    public string StateJson { get; set; } = "";
}

/// <summary>Table row of one bookmark: lookup columns plus the serialised bookmark.</summary>
public sealed class BookmarkRow
{
    public string Id { get; set; } = "";
    public string WorkflowInstanceId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string? CorrelationId { get; set; }
    public string ActivityInstanceId { get; set; } = "";
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the bookmark was resumed or removed; null while it is active.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }
    public string Json { get; set; } = "";
}

/// <summary>Table row of one execution journal line.</summary>
public sealed class JournalEntryRow
{
    public long Id { get; set; }
    public string WorkflowInstanceId { get; set; } = "";
    public long Sequence { get; set; }
    public string ActivityInstanceId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string ActivityNodeId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string? ActivityName { get; set; }
    public string EventName { get; set; } = "";
    public string? Outcome { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string? ActivityStateJson { get; set; }
}

/// <summary>Table row of one start trigger of a published workflow.</summary>
public sealed class TriggerRow
{
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string DefinitionVersionId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string? PayloadJson { get; set; }
}

/// <summary>Table row of one application effect; <see cref="Sequence"/> is the rowid, increasing in commit order.</summary>
public sealed class WorkflowEffectRow
{
    public long Sequence { get; set; }
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string WorkflowInstanceId { get; set; } = "";
    public string? CorrelationId { get; set; }
    public string ActivityId { get; set; } = "";
    public string ActivityInstanceId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public string PayloadJson { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
