using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Web.ElsaApi.ElsaApiSupport;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>
/// Activity execution records for the instance viewer, derived from the journal: one record per activity
/// instance id (Started … Completed/Faulted/Canceled/Suspended).
/// </summary>
internal static class ActivityExecutionEndpoints
{
    public static RouteGroupBuilder MapActivityExecutions(this RouteGroupBuilder api)
    {
        api.MapGet("/activity-executions/list", (HttpRequest request, IWorkflowStore store, CancellationToken ct) => ListAsync(request, store, false, ct));
        api.MapGet("/activity-execution-summaries/list", (HttpRequest request, IWorkflowStore store, CancellationToken ct) => ListAsync(request, store, true, ct));
        api.MapGet("/activity-executions/by-id", GetAsync);
        api.MapPost("/activity-executions/report", ReportAsync);
        return api;
    }

    /// <summary>
    /// <c>GET /activity-executions/by-id?id=</c>: one record (the viewer loads the last execution of a selected or
    /// refreshed node). Record ids are activity instance ids, as in Elsa. The journal is stored per workflow instance,
    /// so the instance is taken from the ids the list endpoints handed out (Studio only asks for those), else found by
    /// scanning instances newest first.
    /// </summary>
    private static async Task<IResult> GetAsync(HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        var id = Query(request, "id");
        if (id is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["The activity execution ID is required."] });
        if (Query(request, "workflowInstanceId") is { } given) return await FindAsync(given, id, store, ct) ?? Results.NotFound();
        if (KnownInstances.TryGetValue(id, out var known) && await FindAsync(known, id, store, ct) is { } hit) return hit;
        for (var page = 0; ; page++)
        {
            var instances = await store.ListInstancesAsync(new WorkflowInstanceFilter(), page, 100, ct);
            foreach (var instance in instances.Items)
                if (await FindAsync(instance.Id, id, store, ct) is { } found) return found;
            if (instances.Items.Count < 100) return Results.NotFound();
        }
    }

    private static async Task<IResult?> FindAsync(string instanceId, string activityInstanceId, IWorkflowStore store, CancellationToken ct)
    {
        var (journal, bookmarked) = await LoadAsync(instanceId, store, ct);
        var entries = journal.Where(e => e.ActivityInstanceId == activityInstanceId).OrderBy(e => e.Sequence).ToList();
        return entries.Count == 0 ? null : Results.Ok(Record(instanceId, entries, false, bookmarked));
    }

    /// <summary>Activity instance id → workflow instance id of records recently listed (bounded; a miss only costs a scan).</summary>
    private static readonly ConcurrentDictionary<string, string> KnownInstances = new(StringComparer.Ordinal);
    private const int KnownInstancesLimit = 10_000;

    private static void Remember(string instanceId, IEnumerable<JournalEntry> entries)
    {
        if (KnownInstances.Count > KnownInstancesLimit) KnownInstances.Clear();
        foreach (var e in entries) KnownInstances[e.ActivityInstanceId] = instanceId;
    }

    /// <summary>
    /// <c>POST /activity-executions/report</c> <c>{workflowInstanceId, activityNodeIds[]}</c> → <c>{stats:[ActivityExecutionStats]}</c>:
    /// per activity node, how often it started and completed, and whether it is blocked (waiting on a bookmark) or faulted.
    /// The viewer colours the nodes from it.
    /// </summary>
    private static async Task<IResult> ReportAsync(HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        var body = await ReadOptionalBodyAsync(request, ct) ?? new JsonObject();
        var instanceId = body.GetString("workflowInstanceId");
        if (string.IsNullOrWhiteSpace(instanceId)) return Results.Ok(new JsonObject { ["stats"] = new JsonArray() });
        var nodeIds = (body.GetArray("activityNodeIds") ?? [])
            .Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var (journal, bookmarked) = await LoadAsync(instanceId, store, ct);
        var records = journal
            .Where(e => nodeIds.Count == 0 || nodeIds.Contains(e.ActivityNodeId))
            .GroupBy(e => e.ActivityInstanceId)
            .Select(g => Record(instanceId, g.OrderBy(e => e.Sequence).ToList(), true, bookmarked))
            .OrderBy(r => r["startedAt"]!.GetValue<DateTimeOffset>());
        var stats = records.GroupBy(r => (string)r["activityNodeId"]!).Select(g => (JsonNode)new JsonObject
        {
            ["activityId"] = (string?)g.First()["activityId"],
            ["activityNodeId"] = g.Key,
            ["startedCount"] = g.Count(),
            ["completedCount"] = g.Count(r => r["completedAt"] is not null),
            ["uncompletedCount"] = g.Count(r => r["completedAt"] is null),
            ["isBlocked"] = g.Any(r => r["hasBookmarks"]!.GetValue<bool>()),
            ["isFaulted"] = g.Any(r => (string?)r["status"] == nameof(ActivityStatus.Faulted)),
            ["aggregateFaultCount"] = g.Count(r => (string?)r["status"] == nameof(ActivityStatus.Faulted)),
            ["metadata"] = new JsonObject(),
        });
        return Results.Ok(new JsonObject { ["stats"] = new JsonArray(stats.ToArray()) });
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IWorkflowStore store, bool summaries, CancellationToken ct)
    {
        var instanceId = Query(request, "workflowInstanceId");
        var nodeId = Query(request, "activityNodeId");
        if (instanceId is null) return Results.Ok(DescriptorEndpoints.List([]));
        var (journal, bookmarked) = await LoadAsync(instanceId, store, ct);
        var selected = journal.Where(e => nodeId is null || e.ActivityNodeId == nodeId).ToList();
        Remember(instanceId, selected);
        var records = selected
            .GroupBy(e => e.ActivityInstanceId)
            .Select(g => (JsonNode)Record(instanceId, g.OrderBy(e => e.Sequence).ToList(), summaries, bookmarked));
        return Results.Ok(DescriptorEndpoints.List(records));
    }

    /// <summary>
    /// An instance's journal, and the activity executions that wait on one of its bookmarks now. The journal has no
    /// "Suspended" event: an execution that has started but not finished and owns a bookmark is blocked (Elsa's
    /// <c>hasBookmarks</c>, which the viewer shows as a warning badge and the report as <c>isBlocked</c>).
    /// </summary>
    private static async Task<(IReadOnlyList<JournalEntry> Journal, HashSet<string> Bookmarked)> LoadAsync(string instanceId, IWorkflowStore store, CancellationToken ct)
    {
        var journal = (await store.ListJournalAsync(instanceId, 0, 100_000, ct)).Items;
        var instance = await store.FindInstanceAsync(instanceId, ct);
        var bookmarked = (instance?.State.Bookmarks ?? []).Select(b => b.ActivityInstanceId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return (journal, bookmarked);
    }

    private static JsonObject Record(string instanceId, List<JournalEntry> entries, bool summary, IReadOnlySet<string> bookmarked)
    {
        var first = entries[0];
        var last = entries[^1];
        var status = last.EventName switch
        {
            "Completed" => ActivityStatus.Completed,
            "Faulted" => ActivityStatus.Faulted,
            "Canceled" or "Cancelled" => ActivityStatus.Canceled,
            _ => ActivityStatus.Running,
        };
        var json = new JsonObject
        {
            ["id"] = first.ActivityInstanceId,
            ["workflowInstanceId"] = instanceId,
            ["activityId"] = first.ActivityId,
            ["activityNodeId"] = first.ActivityNodeId,
            ["activityType"] = first.ActivityType,
            ["activityTypeVersion"] = 1,
            ["activityName"] = first.ActivityName,
            ["startedAt"] = first.Timestamp,
            ["hasBookmarks"] = status == ActivityStatus.Running && bookmarked.Contains(first.ActivityInstanceId),
            ["status"] = status.ToString(),
            ["completedAt"] = status == ActivityStatus.Running ? null : last.Timestamp,
            ["metadata"] = new JsonObject(),
        };
        if (summary) return json;
        json["activityState"] = LogPersistence.ElsaKeys(entries.Select(e => e.ActivityState).FirstOrDefault(s => s is not null))?.DeepClone();
        json["payload"] = last.Outcome is null ? null : new JsonObject { ["outcomes"] = new JsonArray(last.Outcome) };
        json["outputs"] = null;
        json["properties"] = new JsonObject();
        json["exception"] = status == ActivityStatus.Faulted ? new JsonObject { ["type"] = "WorkflowFault", ["message"] = last.Message } : null;
        json["aggregateFaultCount"] = status == ActivityStatus.Faulted ? 1 : 0;
        return json;
    }
}
