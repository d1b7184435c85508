using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities.Http;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Runtime.Management;

/// <summary>What an HTTP request (path under the base path + method) matched: start triggers or waiting bookmarks of <c>Elsa.HttpEndpoint</c>.</summary>
public sealed record HttpEndpointMatch(string Template, IReadOnlyDictionary<string, string> RouteValues, IReadOnlyList<WorkflowTrigger> Triggers,
    IReadOnlyList<Bookmark> Bookmarks)
{
    /// <summary>More than one workflow would answer (Elsa refuses the call as ambiguous).</summary>
    public bool IsAmbiguous => Triggers.Count > 1 || (Triggers.Count == 0 && Bookmarks.Count > 1);

    private JsonObject? Payload => Triggers.Count > 0 ? Triggers[0].Payload : Bookmarks.Count > 0 ? Bookmarks[0].Payload : null;

    /// <summary>The endpoint allows authenticated requests only (<c>Authorize</c>).</summary>
    public bool Authorize => Payload?.GetBool("authorize") == true;

    /// <summary>The authorization policy the endpoint names (<c>Policy</c>), if any.</summary>
    public string? Policy => Payload?.GetString("policy") is { Length: > 0 } p ? p : null;
}

/// <summary>One request as the host hands it over (no HTTP types: the runtime stays HTTP-agnostic).</summary>
public sealed record HttpEndpointRequest(string Method, string Path, JsonObject QueryStringData, JsonObject Headers, string? ContentType, JsonNode? ParsedContent);

/// <summary>What running a matched endpoint produced: the committed step and the response the workflow wrote, if any.</summary>
public sealed record HttpEndpointRun(WorkflowRunResult? Run, HttpWorkflowResponse? Response, string? Refusal = null);

/// <summary>
/// Elsa's HTTP workflows middleware without the HTTP: finds the <c>Elsa.HttpEndpoint</c> trigger or bookmark a request
/// path and method match — exact path first, then the route templates (<c>/nominations/{id}/result</c>) that endpoints of
/// stored definitions declare — and runs it (start from the trigger, or resume the bookmark) with the request as input,
/// collecting what <c>Elsa.WriteHttpResponse</c> writes. The host authenticates, enforces <see cref="HttpEndpointMatch.Authorize"/>
/// and <see cref="HttpEndpointMatch.Policy"/> between <see cref="MatchAsync"/> and <see cref="RunAsync"/>, and sends the response.
/// </summary>
public sealed class HttpWorkflowDispatcher(WorkflowRuntime runtime)
{
    private readonly object _gate = new();
    private (IReadOnlyList<string> Templates, DateTimeOffset Until)? _templates;

    /// <summary>How long the list of route templates is trusted before it is read again (an unknown path also reads it again once).</summary>
    public TimeSpan TemplateCacheTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The trigger or bookmarks the request matches, in Elsa's order (a start trigger first, then waiting bookmarks narrowed
    /// by correlation id or instance); null when none does (Elsa answers 404).
    /// </summary>
    public async Task<HttpEndpointMatch?> MatchAsync(string path, string method, string? correlationId = null, string? workflowInstanceId = null,
        CancellationToken ct = default)
    {
        var normalized = HttpEndpointRoute.Normalize(path);
        if (await FindAsync(normalized, new Dictionary<string, string>(), method, correlationId, workflowInstanceId, ct) is { } exact) return exact;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            foreach (var template in await TemplatesAsync(refresh: attempt == 1, ct))
            {
                if (!HttpEndpointRoute.TryMatch(template, normalized, path, out var values)) continue;
                if (await FindAsync(template, values, method, correlationId, workflowInstanceId, ct) is { } match) return match;
            }
        }
        return null;
    }

    private async Task<HttpEndpointMatch?> FindAsync(string template, Dictionary<string, string> values, string method, string? correlationId, string? workflowInstanceId,
        CancellationToken ct)
    {
        var hash = HttpEndpoint.Hash(template, method);
        var triggers = await runtime.Store.FindTriggersByHashAsync(hash, ct);
        if (triggers.Count > 0) return new HttpEndpointMatch(template, values, triggers, []);
        var bookmarks = await runtime.Store.FindBookmarksByHashAsync(hash, correlationId, workflowInstanceId, ct);
        return bookmarks.Count > 0 ? new HttpEndpointMatch(template, values, [], bookmarks) : null;
    }

    /// <summary>
    /// Route templates declared by <c>Elsa.HttpEndpoint</c> nodes of the stored definitions (every version, since running
    /// instances of old versions may wait on them) and by the indexed triggers.
    /// </summary>
    private async Task<IReadOnlyList<string>> TemplatesAsync(bool refresh, CancellationToken ct)
    {
        var now = runtime.Clock.GetUtcNow();
        lock (_gate)
            if (!refresh && _templates is { } cached && cached.Until > now) return cached.Templates;
        var templates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trigger in await runtime.Store.ListTriggersAsync(ct))
            if (trigger.Name == HttpEndpoint.TypeName && trigger.Payload?.GetString("path") is { } p && HttpEndpointRoute.IsTemplate(p)) templates.Add(p);
        var records = await runtime.Store.FindDefinitionsAsync(new WorkflowDefinitionFilter { VersionOptions = VersionOptions.AllVersions }, ct);
        foreach (var record in records.Where(r => r.Json.Contains(HttpEndpoint.TypeName, StringComparison.Ordinal)))
            CollectTemplates(JsonNodes.Parse(record.Json), templates);
        var list = templates.OrderByDescending(t => t.Count(c => c == '/')).ThenBy(t => t.Count(c => c == '{')).ThenBy(t => t, StringComparer.Ordinal).ToList();
        lock (_gate) _templates = (list, now + TemplateCacheTime);
        return list;
    }

    private static void CollectTemplates(JsonNode? node, HashSet<string> templates)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.GetString("type") == HttpEndpoint.TypeName && LiteralPath(o["path"]) is { } path && HttpEndpointRoute.IsTemplate(path))
                    templates.Add(HttpEndpointRoute.Normalize(path));
                foreach (var (_, child) in o) CollectTemplates(child, templates);
                break;
            case JsonArray a:
                foreach (var child in a) CollectTemplates(child, templates);
                break;
        }
    }

    private static string? LiteralPath(JsonNode? stored) => stored switch
    {
        JsonObject wrapped when wrapped["expression"] is JsonObject e => e["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null,
        JsonValue raw when raw.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    /// <summary>
    /// Runs the matched endpoint: starts the workflow from its trigger or resumes the waiting bookmark, passing the request
    /// as input <see cref="HttpEndpoint.RequestKey"/>, and answers the committed step with the response it wrote.
    /// </summary>
    /// <param name="workflowInstanceId">For a start: the new instance's id (Elsa lets the caller choose it, to resume that very
    /// instance later); refused when an instance already has it.</param>
    public async Task<HttpEndpointRun> RunAsync(HttpEndpointMatch match, HttpEndpointRequest request, string? correlationId = null, string? workflowInstanceId = null,
        CancellationToken ct = default)
    {
        var input = new JsonObject
        {
            [HttpEndpoint.RequestKey] = new JsonObject
            {
                ["method"] = request.Method.ToUpperInvariant(),
                ["path"] = request.Path,
                ["routeData"] = new JsonObject(match.RouteValues.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
                ["queryStringData"] = request.QueryStringData.DeepClone(),
                ["headers"] = request.Headers.DeepClone(),
                ["contentType"] = request.ContentType,
                ["parsedContent"] = request.ParsedContent?.DeepClone(),
            },
        };
        using var scope = HttpResponseSink.Open(out var sink);
        if (match.Triggers.Count > 0)
        {
            var trigger = match.Triggers[0];
            if (workflowInstanceId is not null && await runtime.Store.FindInstanceAsync(workflowInstanceId, ct) is not null)
                return new HttpEndpointRun(null, null, $"工作流实例 {workflowInstanceId} 已存在，不能用这个编号再启动一个。");
            var record = await runtime.Store.FindDefinitionByIdAsync(trigger.DefinitionVersionId, ct);
            if (record is null) return new HttpEndpointRun(null, null, $"找不到工作流版本 {trigger.DefinitionVersionId}。");
            var graph = await runtime.LoadAsync(record, ct);
            var started = await runtime.StartAsync(graph, new StartWorkflowOptions
            {
                TriggerActivityId = trigger.ActivityId, Input = input, CorrelationId = correlationId, InstanceId = workflowInstanceId,
            },
                null, ct);
            return new HttpEndpointRun(started, sink.Response);
        }
        var resumed = await runtime.ResumeAsync(match.Bookmarks[0].Id, input, null, ct);
        return new HttpEndpointRun(resumed.Run, sink.Response, resumed.Outcome == ResumeOutcome.Resumed ? null : resumed.Message);
    }
}
