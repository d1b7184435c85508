using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Persistence;

/// <summary>Workflow definition versions.</summary>
public interface IWorkflowDefinitionStore
{
    /// <summary>The single version of a definition selected by <paramref name="options"/> (highest matching version). One indexed read.</summary>
    Task<WorkflowDefinitionRecord?> FindDefinitionAsync(string definitionId, VersionOptions options, CancellationToken ct = default);
    Task<WorkflowDefinitionRecord?> FindDefinitionByIdAsync(string id, CancellationToken ct = default);
    /// <summary>Full records (with JSON) matching the filter.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> FindDefinitionsAsync(WorkflowDefinitionFilter filter, CancellationToken ct = default);
    /// <summary>Summaries (no JSON) matching the filter, one page.</summary>
    Task<Page<WorkflowDefinitionSummary>> ListDefinitionsAsync(WorkflowDefinitionFilter filter, int page, int pageSize, CancellationToken ct = default);
    /// <summary>Inserts or replaces versions in one transaction (a publish changes flags on several).</summary>
    Task SaveDefinitionsAsync(IReadOnlyCollection<WorkflowDefinitionRecord> records, CancellationToken ct = default);
    /// <summary>Deletes every version of a definition; returns how many were deleted.</summary>
    Task<int> DeleteDefinitionAsync(string definitionId, CancellationToken ct = default);
    Task<bool> DeleteDefinitionVersionAsync(string id, CancellationToken ct = default);
}

/// <summary>Workflow instances; a step's changes are committed atomically with optimistic concurrency.</summary>
public interface IWorkflowInstanceStore
{
    Task<StoredWorkflowInstance?> FindInstanceAsync(string id, CancellationToken ct = default);
    Task<Page<WorkflowInstanceSummary>> ListInstancesAsync(WorkflowInstanceFilter filter, int page, int pageSize, CancellationToken ct = default);
    /// <summary>Writes instance + bookmarks + journal in one transaction and returns the new stamp.</summary>
    /// <exception cref="ConcurrencyConflictException">The instance changed since it was read.</exception>
    Task<long> CommitAsync(WorkflowStepCommit commit, CancellationToken ct = default);
    Task<bool> DeleteInstanceAsync(string id, CancellationToken ct = default);
}

/// <summary>Bookmark lookup by id or by stimulus hash (indexed).</summary>
public interface IBookmarkStore
{
    /// <summary>The bookmark, including one already consumed (then <see cref="StoredBookmark.ConsumedAt"/> is set).</summary>
    Task<StoredBookmark?> FindBookmarkAsync(string id, CancellationToken ct = default);
    /// <summary>Active bookmarks with this hash, optionally narrowed to a correlation id or instance.</summary>
    Task<IReadOnlyList<Bookmark>> FindBookmarksByHashAsync(string hash, string? correlationId = null, string? workflowInstanceId = null, CancellationToken ct = default);
    /// <summary>Active bookmarks that carry a due time (for re-scheduling timers after a restart).</summary>
    Task<IReadOnlyList<Bookmark>> ListTimedBookmarksAsync(CancellationToken ct = default);
}

/// <summary>The execution journal.</summary>
public interface IWorkflowJournalStore
{
    Task<Page<JournalEntry>> ListJournalAsync(string workflowInstanceId, int skip, int take, CancellationToken ct = default);
}

/// <summary>The start triggers of published workflows.</summary>
public interface ITriggerStore
{
    /// <summary>Replaces every trigger of a definition (on publish, retract, delete).</summary>
    Task ReplaceTriggersAsync(string definitionId, IReadOnlyCollection<WorkflowTrigger> triggers, CancellationToken ct = default);
    Task<IReadOnlyList<WorkflowTrigger>> FindTriggersByHashAsync(string hash, CancellationToken ct = default);
    Task<IReadOnlyList<WorkflowTrigger>> ListTriggersAsync(CancellationToken ct = default);
}

/// <summary>Application effects in commit order (the workflow's outbox).</summary>
public interface IWorkflowEffectStore
{
    /// <summary>Up to <paramref name="take"/> effects committed after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredWorkflowEffect>> ListEffectsAsync(long afterSequence, int take, CancellationToken ct = default);
}

/// <summary>All stores of the runtime, as one provider (in-memory or EF Core).</summary>
public interface IWorkflowStore : IWorkflowDefinitionStore, IWorkflowInstanceStore, IBookmarkStore, IWorkflowJournalStore, ITriggerStore, IWorkflowEffectStore;
