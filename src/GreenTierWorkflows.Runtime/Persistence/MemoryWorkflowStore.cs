using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Persistence;

/// <summary>
/// In-memory implementation of every store contract. State is kept serialised, so what a caller reads back is
/// exactly what would come out of a database, and callers never share mutable objects.
/// </summary>
public sealed class MemoryWorkflowStore(TimeProvider? clock = null) : IWorkflowStore
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, WorkflowDefinitionRecord> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Json, long Stamp, WorkflowInstanceSummary Summary)> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Bookmark Bookmark, DateTimeOffset? ConsumedAt)> _bookmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JournalEntry>> _journal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WorkflowTrigger>> _triggers = new(StringComparer.Ordinal);
    private readonly List<StoredWorkflowEffect> _effects = [];

    // ---- definitions ----

    public Task<WorkflowDefinitionRecord?> FindDefinitionAsync(string definitionId, VersionOptions options, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult(_definitions.Values.Where(d => d.DefinitionId == definitionId && options.Matches(d.Version, d.IsLatest, d.IsPublished))
                .OrderByDescending(d => d.Version).FirstOrDefault());
    }

    public Task<WorkflowDefinitionRecord?> FindDefinitionByIdAsync(string id, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_definitions.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<WorkflowDefinitionRecord>> FindDefinitionsAsync(WorkflowDefinitionFilter filter, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<WorkflowDefinitionRecord>>(Query(filter).ToList());
    }

    public Task<Page<WorkflowDefinitionSummary>> ListDefinitionsAsync(WorkflowDefinitionFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var all = Query(filter).ToList();
            var items = all.Skip(page * pageSize).Take(pageSize).Select(WorkflowDefinitionSummary.From).ToList();
            return Task.FromResult(new Page<WorkflowDefinitionSummary>(items, all.Count));
        }
    }

    private IEnumerable<WorkflowDefinitionRecord> Query(WorkflowDefinitionFilter f)
    {
        var q = _definitions.Values.AsEnumerable();
        if (f.DefinitionId is not null) q = q.Where(d => d.DefinitionId == f.DefinitionId);
        if (f.DefinitionIds is { Count: > 0 }) q = q.Where(d => f.DefinitionIds.Contains(d.DefinitionId));
        if (f.Ids is { Count: > 0 }) q = q.Where(d => f.Ids.Contains(d.Id));
        if (f.VersionOptions is { } vo) q = q.Where(d => vo.Matches(d.Version, d.IsLatest, d.IsPublished));
        if (f.IsSystem is { } sys) q = q.Where(d => d.IsSystem == sys);
        if (f.Name is not null) q = q.Where(d => d.Name == f.Name);
        if (!string.IsNullOrWhiteSpace(f.SearchTerm))
            q = q.Where(d => (d.Name ?? "").Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase)
                || (d.Description ?? "").Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase)
                || d.DefinitionId.Contains(f.SearchTerm, StringComparison.OrdinalIgnoreCase));
        IOrderedEnumerable<WorkflowDefinitionRecord> ordered = f.OrderBy switch
        {
            DefinitionOrder.Version => f.Descending ? q.OrderByDescending(d => d.Version) : q.OrderBy(d => d.Version),
            DefinitionOrder.CreatedAt => f.Descending ? q.OrderByDescending(d => d.CreatedAt) : q.OrderBy(d => d.CreatedAt),
            _ => f.Descending ? q.OrderByDescending(d => d.Name, StringComparer.Ordinal) : q.OrderBy(d => d.Name, StringComparer.Ordinal),
        };
        return ordered.ThenBy(d => d.DefinitionId, StringComparer.Ordinal).ThenBy(d => d.Version);
    }

    public Task SaveDefinitionsAsync(IReadOnlyCollection<WorkflowDefinitionRecord> records, CancellationToken ct = default)
    {
        lock (_gate) foreach (var r in records) _definitions[r.Id] = r;
        return Task.CompletedTask;
    }

    public Task<int> DeleteDefinitionAsync(string definitionId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var ids = _definitions.Values.Where(d => d.DefinitionId == definitionId).Select(d => d.Id).ToList();
            foreach (var id in ids) _definitions.Remove(id);
            return Task.FromResult(ids.Count);
        }
    }

    public Task<bool> DeleteDefinitionVersionAsync(string id, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_definitions.Remove(id));
    }

    // ---- instances ----

    public Task<StoredWorkflowInstance?> FindInstanceAsync(string id, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult(_instances.TryGetValue(id, out var row)
                ? new StoredWorkflowInstance(WorkflowStateSerializer.Deserialize(row.Json), row.Stamp)
                : null);
    }

    public Task<Page<WorkflowInstanceSummary>> ListInstancesAsync(WorkflowInstanceFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var q = _instances.Values.Select(r => r.Summary);
            if (f.DefinitionId is not null) q = q.Where(s => s.DefinitionId == f.DefinitionId);
            if (f.DefinitionIds is { Count: > 0 }) q = q.Where(s => f.DefinitionIds.Contains(s.DefinitionId));
            if (f.Version is { } v) q = q.Where(s => s.Version == v);
            if (f.CorrelationId is not null) q = q.Where(s => s.CorrelationId == f.CorrelationId);
            if (f.Statuses is { Count: > 0 }) q = q.Where(s => f.Statuses.Contains(s.Status));
            if (f.SubStatuses is { Count: > 0 }) q = q.Where(s => f.SubStatuses.Contains(s.SubStatus));
            if (f.HasIncidents is { } hi) q = q.Where(s => s.IncidentCount > 0 == hi);
            if (!string.IsNullOrWhiteSpace(f.SearchTerm))
                q = q.Where(s => s.Id.Contains(f.SearchTerm) || (s.Name ?? "").Contains(f.SearchTerm) || (s.CorrelationId ?? "").Contains(f.SearchTerm));
            var all = (f.Descending ? q.OrderByDescending(s => s.CreatedAt) : q.OrderBy(s => s.CreatedAt)).ThenBy(s => s.Id).ToList();
            return Task.FromResult(new Page<WorkflowInstanceSummary>(all.Skip(page * pageSize).Take(pageSize).ToList(), all.Count));
        }
    }

    public Task<long> CommitAsync(WorkflowStepCommit commit, CancellationToken ct = default)
    {
        var json = WorkflowStateSerializer.Serialize(commit.State);
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var exists = _instances.TryGetValue(commit.State.Id, out var current);
            if (commit.ExpectedStamp is null ? exists : !exists || current.Stamp != commit.ExpectedStamp)
                return Task.FromException<long>(new ConcurrencyConflictException(commit.State.Id));
            var stamp = (exists ? current.Stamp : 0) + 1;
            _instances[commit.State.Id] = (json, stamp, WorkflowInstanceSummary.From(commit.State));
            foreach (var b in commit.AddedBookmarks) _bookmarks[b.Id] = (b, null);
            foreach (var id in commit.RemovedBookmarkIds)
                if (_bookmarks.TryGetValue(id, out var b)) _bookmarks[id] = (b.Bookmark, b.ConsumedAt ?? now);
            foreach (var effect in commit.Effects) _effects.Add(new StoredWorkflowEffect(_effects.Count + 1, effect));
            if (commit.Journal.Count > 0)
            {
                if (!_journal.TryGetValue(commit.State.Id, out var list)) _journal[commit.State.Id] = list = [];
                list.AddRange(commit.Journal);
            }
            return Task.FromResult(stamp);
        }
    }

    public Task<bool> DeleteInstanceAsync(string id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var removed = _instances.Remove(id);
            _journal.Remove(id);
            foreach (var key in _bookmarks.Where(kv => kv.Value.Bookmark.WorkflowInstanceId == id).Select(kv => kv.Key).ToList()) _bookmarks.Remove(key);
            return Task.FromResult(removed);
        }
    }

    // ---- bookmarks ----

    public Task<StoredBookmark?> FindBookmarkAsync(string id, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_bookmarks.TryGetValue(id, out var b) ? new StoredBookmark(b.Bookmark, b.ConsumedAt) : null);
    }

    public Task<IReadOnlyList<Bookmark>> FindBookmarksByHashAsync(string hash, string? correlationId = null, string? workflowInstanceId = null, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values
                .Where(b => b.ConsumedAt is null && b.Bookmark.Hash == hash
                    && (correlationId is null || b.Bookmark.CorrelationId == correlationId)
                    && (workflowInstanceId is null || b.Bookmark.WorkflowInstanceId == workflowInstanceId))
                .Select(b => b.Bookmark).OrderBy(b => b.CreatedAt).ToList());
    }

    public Task<IReadOnlyList<Bookmark>> ListTimedBookmarksAsync(CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values.Where(b => b.ConsumedAt is null && b.Bookmark.DueAt is not null)
                .Select(b => b.Bookmark).ToList());
    }

    // ---- journal ----

    public Task<Page<JournalEntry>> ListJournalAsync(string workflowInstanceId, int skip, int take, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var list = _journal.GetValueOrDefault(workflowInstanceId) ?? [];
            return Task.FromResult(new Page<JournalEntry>(list.Skip(skip).Take(take).ToList(), list.Count));
        }
    }

    // ---- triggers ----

    public Task ReplaceTriggersAsync(string definitionId, IReadOnlyCollection<WorkflowTrigger> triggers, CancellationToken ct = default)
    {
        lock (_gate) _triggers[definitionId] = triggers.ToList();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkflowTrigger>> FindTriggersByHashAsync(string hash, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<WorkflowTrigger>>(_triggers.Values.SelectMany(t => t).Where(t => t.Hash == hash).ToList());
    }

    public Task<IReadOnlyList<WorkflowTrigger>> ListTriggersAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<WorkflowTrigger>>(_triggers.Values.SelectMany(t => t).ToList());
    }

    // ---- effects ----

    public Task<IReadOnlyList<StoredWorkflowEffect>> ListEffectsAsync(long afterSequence, int take, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<StoredWorkflowEffect>>(_effects.Skip((int)Math.Max(0, afterSequence)).Take(take).ToList());
    }
}
