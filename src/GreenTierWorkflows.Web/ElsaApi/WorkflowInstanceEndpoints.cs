using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Web.ElsaApi.ElsaApiSupport;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>The instance list and viewer: list (POST, a read in Elsa's API), get, journal, execution state, delete.</summary>
internal static class WorkflowInstanceEndpoints
{
    private const int AllJournal = 100_000;

    public static RouteGroupBuilder MapWorkflowInstances(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-instances");
        group.MapPost("", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/journal", JournalAsync);
        group.MapPost("/{id}/journal", JournalAsync);
        group.MapGet("/{id}/execution-state", ExecutionStateAsync);
        group.MapGet("/{id}/variables", VariablesAsync);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(DesignersPolicy);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        var body = await ReadOptionalBodyAsync(request, ct) ?? new JsonObject();
        var statuses = Strings(body, "statuses", "status").Select(s => Enum.TryParse<WorkflowStatus>(s, true, out var v) ? v : (WorkflowStatus?)null).OfType<WorkflowStatus>().ToList();
        var subStatuses = Strings(body, "subStatuses", "subStatus").Select(s => Enum.TryParse<WorkflowSubStatus>(s, true, out var v) ? v : (WorkflowSubStatus?)null).OfType<WorkflowSubStatus>().ToList();
        var definitionIds = Strings(body, "definitionIds");
        var filter = new WorkflowInstanceFilter
        {
            DefinitionId = body.GetString("definitionId"),
            DefinitionIds = definitionIds.Count > 0 ? definitionIds : null,
            Version = body.GetInt("version"),
            CorrelationId = body.GetString("correlationId"),
            SearchTerm = string.IsNullOrWhiteSpace(body.GetString("searchTerm")) ? null : body.GetString("searchTerm"),
            Statuses = statuses.Count > 0 ? statuses : null,
            SubStatuses = subStatuses.Count > 0 ? subStatuses : null,
            HasIncidents = body.GetBool("hasIncidents"),
            Descending = !string.Equals(body.GetString("orderDirection"), "Ascending", StringComparison.OrdinalIgnoreCase),
        };
        var pageSize = body.GetInt("pageSize") is int size and > 0 ? size : 50;
        var page = Math.Max(0, body.GetInt("page") ?? 0);
        var result = await store.ListInstancesAsync(filter, page, pageSize, ct);
        return Results.Ok(new JsonObject
        {
            ["items"] = new JsonArray(result.Items.Select(s => (JsonNode)InstanceJson.Summary(s)).ToArray()),
            ["totalCount"] = result.TotalCount,
        });
    }

    private static List<string> Strings(JsonObject body, params string[] keys)
    {
        var list = new List<string>();
        foreach (var key in keys)
        {
            switch (body[key])
            {
                case JsonArray array:
                    list.AddRange(array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>());
                    break;
                case JsonValue value when value.TryGetValue<string>(out var single):
                    list.Add(single);
                    break;
            }
        }
        return list;
    }

    private static async Task<IResult> GetAsync(string id, IWorkflowStore store, CancellationToken ct) =>
        await store.FindInstanceAsync(id, ct) is { } instance ? Results.Ok(InstanceJson.Instance(instance.State)) : Results.NotFound();

    private static async Task<IResult> ExecutionStateAsync(string id, IWorkflowStore store, CancellationToken ct) =>
        await store.FindInstanceAsync(id, ct) is { } instance
            ? Results.Ok(new JsonObject
            {
                ["status"] = instance.State.Status.ToString(),
                ["workflowSubStatus"] = instance.State.SubStatus.ToString(),
                ["updatedAt"] = instance.State.UpdatedAt,
            })
            : Results.NotFound();

    /// <summary>
    /// <c>GET /{id}/variables</c> → <c>{items:[{id, name, value}], count}</c> (Elsa's ResolvedVariable; the viewer's
    /// Variables tab). The instance keeps values by name; ids come from the definition version it runs on, and a value
    /// without a declaration there is listed with its name as id.
    /// </summary>
    private static async Task<IResult> VariablesAsync(string id, IWorkflowStore store, CancellationToken ct)
    {
        if (await store.FindInstanceAsync(id, ct) is not { } instance) return Results.NotFound();
        var state = instance.State;
        var definition = await store.FindDefinitionByIdAsync(state.DefinitionVersionId, ct);
        var declared = definition is null ? [] : WorkflowDefinitionDocument.Parse(definition.Json).Variables;
        var items = declared
            .Select(v => (v.Id, v.Name))
            .Concat(state.Variables.Select(p => p.Key).Where(name => declared.All(v => v.Name != name)).Select(name => (Id: name, Name: name)))
            .Select(v => (JsonNode)new JsonObject { ["id"] = v.Id, ["name"] = v.Name, ["value"] = state.Variables[v.Name]?.DeepClone() });
        return Results.Ok(DescriptorEndpoints.List(items));
    }

    /// <summary>GET <c>?skip&amp;take</c>, or POST with <c>{filter:{activityIds, activityNodeIds, excludedActivityTypes, eventNames}}</c>.</summary>
    private static async Task<IResult> JournalAsync(string id, HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        var instance = await store.FindInstanceAsync(id, ct);
        if (instance is null) return Results.NotFound();
        var skip = Math.Max(0, QueryInt(request, "skip") ?? 0);
        var take = QueryInt(request, "take") is int t and > 0 ? t : AllJournal;
        var filter = HttpMethods.IsPost(request.Method) ? (await ReadOptionalBodyAsync(request, ct, "filter"))?.GetObject("filter") : null;
        IEnumerable<JournalEntry> entries;
        long total;
        if (filter is null)
        {
            var page = await store.ListJournalAsync(id, skip, take, ct);
            (entries, total) = (page.Items, page.TotalCount);
        }
        else
        {
            var all = (await store.ListJournalAsync(id, 0, AllJournal, ct)).Items.Where(e => Matches(e, filter)).ToList();
            (entries, total) = (all.Skip(skip).Take(take), all.Count);
        }
        return Results.Ok(new JsonObject
        {
            ["items"] = new JsonArray(entries.Select(e => (JsonNode)InstanceJson.Journal(e, instance.State)).ToArray()),
            ["totalCount"] = total,
        });
    }

    private static bool Matches(JournalEntry e, JsonObject filter)
    {
        static bool In(JsonObject f, string key, string value, bool whenMissing) =>
            Strings(f, key) is { Count: > 0 } list ? list.Contains(value, StringComparer.Ordinal) : whenMissing;
        return In(filter, "activityIds", e.ActivityId, true) && In(filter, "activityNodeIds", e.ActivityNodeId, true)
            && In(filter, "eventNames", e.EventName, true) && !In(filter, "excludedActivityTypes", e.ActivityType, false);
    }

    private static async Task<IResult> DeleteAsync(string id, IWorkflowStore store, CancellationToken ct) =>
        await store.DeleteInstanceAsync(id, ct) ? Results.NoContent() : Results.NotFound();
}
