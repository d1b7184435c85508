using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Persistence;

/// <summary>One stored version of a workflow definition: indexed columns plus the full definition JSON.</summary>
public sealed record WorkflowDefinitionRecord
{
    /// <summary>Id of this version.</summary>
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public bool IsLatest { get; init; }
    public bool IsPublished { get; init; }
    public bool IsReadonly { get; init; }
    public bool IsSystem { get; init; }
    public string? ToolVersion { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The definition as Elsa JSON (unknown properties kept).</summary>
    public required string Json { get; init; }
}

/// <summary>A definition version without its JSON, for lists.</summary>
public sealed record WorkflowDefinitionSummary(string Id, string DefinitionId, int Version, string? Name, string? Description,
    bool IsLatest, bool IsPublished, bool IsReadonly, bool IsSystem, string? ToolVersion, DateTimeOffset CreatedAt)
{
    public static WorkflowDefinitionSummary From(WorkflowDefinitionRecord r) =>
        new(r.Id, r.DefinitionId, r.Version, r.Name, r.Description, r.IsLatest, r.IsPublished, r.IsReadonly, r.IsSystem, r.ToolVersion, r.CreatedAt);
}

public enum DefinitionOrder { Name, Version, CreatedAt }

/// <summary>Which definition versions to list.</summary>
public sealed record WorkflowDefinitionFilter
{
    public string? DefinitionId { get; init; }
    public IReadOnlyCollection<string>? DefinitionIds { get; init; }
    /// <summary>Version ids (<see cref="WorkflowDefinitionRecord.Id"/>), any version unless <see cref="VersionOptions"/> says otherwise.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }
    public VersionOptions? VersionOptions { get; init; }
    public string? SearchTerm { get; init; }
    public bool? IsSystem { get; init; }
    public string? Name { get; init; }
    public DefinitionOrder OrderBy { get; init; } = DefinitionOrder.Name;
    public bool Descending { get; init; }
}

/// <summary>A page of results; <see cref="TotalCount"/> counts all matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long TotalCount);

/// <summary>An instance without its state, for lists.</summary>
public sealed record WorkflowInstanceSummary(string Id, string DefinitionId, string DefinitionVersionId, int Version, string? Name,
    string? CorrelationId, WorkflowStatus Status, WorkflowSubStatus SubStatus, int IncidentCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public static WorkflowInstanceSummary From(WorkflowState s) =>
        new(s.Id, s.DefinitionId, s.DefinitionVersionId, s.DefinitionVersion, s.Name, s.CorrelationId, s.Status, s.SubStatus,
            s.Incidents.Count, s.CreatedAt, s.UpdatedAt, s.FinishedAt);
}

public sealed record WorkflowInstanceFilter
{
    public string? DefinitionId { get; init; }
    public IReadOnlyCollection<string>? DefinitionIds { get; init; }
    public int? Version { get; init; }
    public string? CorrelationId { get; init; }
    public string? SearchTerm { get; init; }
    public IReadOnlyCollection<WorkflowStatus>? Statuses { get; init; }
    public IReadOnlyCollection<WorkflowSubStatus>? SubStatuses { get; init; }
    public bool? HasIncidents { get; init; }
    public bool Descending { get; init; } = true;
}

/// <summary>An instance's state with the concurrency stamp it was read at.</summary>
public sealed record StoredWorkflowInstance(WorkflowState State, long Stamp);

/// <summary>A bookmark and, once resumed or removed, when that happened.</summary>
public sealed record StoredBookmark(Bookmark Bookmark, DateTimeOffset? ConsumedAt);

/// <summary>
/// What one workflow step changes, written in one transaction: the instance (checked against
/// <see cref="ExpectedStamp"/>; null for a new instance), its new and removed bookmarks, its journal lines and the
/// application effects it emitted.
/// </summary>
public sealed record WorkflowStepCommit(WorkflowState State, long? ExpectedStamp, IReadOnlyList<Bookmark> AddedBookmarks,
    IReadOnlyList<string> RemovedBookmarkIds, IReadOnlyList<JournalEntry> Journal)
{
    public IReadOnlyList<WorkflowEffect> Effects { get; init; } = [];
}

/// <summary>Another step changed the instance since it was read; nothing of this step was written.</summary>
public sealed class ConcurrencyConflictException(string instanceId)
    : Exception($"工作流实例 {instanceId} 已被另一个操作修改。")
{
    public string InstanceId { get; } = instanceId;
}
