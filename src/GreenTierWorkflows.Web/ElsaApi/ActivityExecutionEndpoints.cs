using System.Text.Json.Nodes;
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
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IWorkflowStore store, bool summaries, CancellationToken ct)
    {
        var instanceId = Query(request, "workflowInstanceId");
        var nodeId = Query(request, "activityNodeId");
        if (instanceId is null) return Results.Ok(DescriptorEndpoints.List([]));
        var journal = (await store.ListJournalAsync(instanceId, 0, 100_000, ct)).Items;
        var records = journal
            .Where(e => nodeId is null || e.ActivityNodeId == nodeId)
            .GroupBy(e => e.ActivityInstanceId)
            .Select(g => (JsonNode)Record(instanceId, g.OrderBy(e => e.Sequence).ToList(), summaries));
        return Results.Ok(DescriptorEndpoints.List(records));
    }

    private static JsonObject Record(string instanceId, List<JournalEntry> entries, bool summary)
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
            ["hasBookmarks"] = last.EventName == "Suspended",
            ["status"] = status.ToString(),
            ["completedAt"] = status == ActivityStatus.Running ? null : last.Timestamp,
            ["metadata"] = new JsonObject(),
        };
        if (summary) return json;
        json["activityState"] = entries.Select(e => e.ActivityState).FirstOrDefault(s => s is not null)?.DeepClone();
        json["payload"] = last.Outcome is null ? null : new JsonObject { ["outcomes"] = new JsonArray(last.Outcome) };
        json["outputs"] = null;
        json["properties"] = new JsonObject();
        json["exception"] = status == ActivityStatus.Faulted ? new JsonObject { ["type"] = "WorkflowFault", ["message"] = last.Message } : null;
        json["aggregateFaultCount"] = status == ActivityStatus.Faulted ? 1 : 0;
        return json;
    }
}
