using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Persistence;

public sealed partial class EfWorkflowStore
{
    // ---- bookmarks ----

    /// <summary>On the resume hot path: one primary-key read over plain ADO.NET.</summary>
    public Task<StoredBookmark?> FindBookmarkAsync(string id, CancellationToken ct = default) =>
        ReadByKey("SELECT \"Json\", \"ConsumedAt\" FROM \"Bookmarks\" WHERE \"Id\" = @id;", id,
            reader => new StoredBookmark(WorkflowStateSerializer.DeserializeBookmark(reader.GetString(0)),
                reader.IsDBNull(1) ? null : SortableDateTimeOffset.Parse(reader.GetString(1))));

    public async Task<IReadOnlyList<Bookmark>> FindBookmarksByHashAsync(string hash, string? correlationId = null, string? workflowInstanceId = null, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var q = db.Bookmarks.AsNoTracking().Where(b => b.Hash == hash && b.ConsumedAt == null);
        if (correlationId is not null) q = q.Where(b => b.CorrelationId == correlationId);
        if (workflowInstanceId is not null) q = q.Where(b => b.WorkflowInstanceId == workflowInstanceId);
        var json = await q.OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).Select(b => b.Json).ToListAsync(ct);
        return json.ConvertAll(WorkflowStateSerializer.DeserializeBookmark);
    }

    /// <summary>Active timed bookmarks, earliest due first (served by the filtered DueAt index).</summary>
    public async Task<IReadOnlyList<Bookmark>> ListTimedBookmarksAsync(CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var json = await db.Bookmarks.AsNoTracking().Where(b => b.DueAt != null && b.ConsumedAt == null)
            .OrderBy(b => b.DueAt).ThenBy(b => b.Id).Select(b => b.Json).ToListAsync(ct);
        return json.ConvertAll(WorkflowStateSerializer.DeserializeBookmark);
    }

    // ---- effects ----

    public async Task<IReadOnlyList<StoredWorkflowEffect>> ListEffectsAsync(long afterSequence, int take, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var rows = await db.WorkflowEffects.AsNoTracking().Where(e => e.Sequence > afterSequence).OrderBy(e => e.Sequence).Take(take).ToListAsync(ct);
        return rows.ConvertAll(r => new StoredWorkflowEffect(r.Sequence, new WorkflowEffect(r.Id, r.Kind, r.WorkflowInstanceId, r.CorrelationId,
            r.ActivityId, r.ActivityInstanceId, r.DefinitionVersion, (JsonObject)JsonNode.Parse(r.PayloadJson)!, r.CreatedAt)));
    }

    // ---- journal ----

    public async Task<Page<JournalEntry>> ListJournalAsync(string workflowInstanceId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var q = db.JournalEntries.AsNoTracking().Where(j => j.WorkflowInstanceId == workflowInstanceId);
        var total = await q.LongCountAsync(ct);
        (skip, take) = Window(skip, take);
        if (take == 0) return new Page<JournalEntry>([], total);
        var rows = await q.OrderBy(j => j.Sequence).ThenBy(j => j.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new Page<JournalEntry>(rows.ConvertAll(ToEntry), total);
    }

    private static JournalEntry ToEntry(JournalEntryRow r) => new()
    {
        WorkflowInstanceId = r.WorkflowInstanceId, Sequence = r.Sequence, ActivityInstanceId = r.ActivityInstanceId,
        ActivityId = r.ActivityId, ActivityNodeId = r.ActivityNodeId, ActivityType = r.ActivityType, ActivityName = r.ActivityName,
        EventName = r.EventName, Outcome = r.Outcome, Message = r.Message, Timestamp = r.Timestamp,
        ActivityState = ParseObject(r.ActivityStateJson),
    };

    // ---- triggers ----

    /// <summary>Deletes the definition's triggers and inserts <paramref name="triggers"/> in one transaction.</summary>
    public async Task ReplaceTriggersAsync(string definitionId, IReadOnlyCollection<WorkflowTrigger> triggers, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Triggers.Where(t => t.DefinitionId == definitionId).ExecuteDeleteAsync(ct);
        if (triggers.Count > 0)
        {
            // Rows are keyed by the definition they were replaced under, as the in-memory store keys its lists.
            db.Triggers.AddRange(triggers.Select(t => new TriggerRow
            {
                Id = t.Id, DefinitionId = definitionId, DefinitionVersionId = t.DefinitionVersionId, ActivityId = t.ActivityId,
                Name = t.Name, Hash = t.Hash, PayloadJson = ToJson(t.Payload),
            }));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<WorkflowTrigger>> FindTriggersByHashAsync(string hash, CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var rows = await db.Triggers.AsNoTracking().Where(t => t.Hash == hash).OrderBy(t => t.DefinitionId).ThenBy(t => t.Id).ToListAsync(ct);
        return rows.ConvertAll(ToTrigger);
    }

    public async Task<IReadOnlyList<WorkflowTrigger>> ListTriggersAsync(CancellationToken ct = default)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var rows = await db.Triggers.AsNoTracking().OrderBy(t => t.DefinitionId).ThenBy(t => t.Id).ToListAsync(ct);
        return rows.ConvertAll(ToTrigger);
    }

    private static WorkflowTrigger ToTrigger(TriggerRow r) => new()
    {
        Id = r.Id, DefinitionId = r.DefinitionId, DefinitionVersionId = r.DefinitionVersionId, ActivityId = r.ActivityId,
        Name = r.Name, Hash = r.Hash, Payload = ParseObject(r.PayloadJson),
    };

    // ---- JSON columns ----

    private static string? ToJson(JsonObject? value) => value?.ToJsonString(JsonNodes.Options);

    private static JsonObject? ParseObject(string? json) => json is null ? null : JsonNode.Parse(json)?.AsObject();
}
