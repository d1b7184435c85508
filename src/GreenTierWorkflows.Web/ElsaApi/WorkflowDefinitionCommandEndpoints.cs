using System.Security.Claims;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Web.ElsaApi.ElsaApiSupport;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>Definition commands (designers only): publish, retract, delete, revert, delete one version, execute.</summary>
internal static class WorkflowDefinitionCommandEndpoints
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";

    public static RouteGroupBuilder MapWorkflowDefinitionCommands(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions").RequireAuthorization(DesignersPolicy);
        group.MapPost("/{definitionId}/publish", PublishAsync);
        group.MapPost("/{definitionId}/retract", RetractAsync);
        group.MapDelete("/{definitionId}", DeleteAsync);
        group.MapPost("/{definitionId}/revert/{version:int}", RevertAsync);
        group.MapPost("/{definitionId}/execute", ExecuteAsync);
        group.MapGet("/{definitionId}/execute", ExecuteFromQueryAsync);
        // ".../workflow-definitions//execute" (no id) matches none of the routes above and routing answered 405; Elsa
        // answers an execute of no definition with 404, and so does any other unmapped GET or POST under this group.
        group.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Post], () => Results.NotFound());
        api.MapDelete("/workflow-definition-versions/{id}", DeleteVersionAsync).RequireAuthorization(DesignersPolicy);
        return api;
    }

    private static async Task<IResult> PublishAsync(string definitionId, IWorkflowStore store, WorkflowDefinitionService definitions, IAuditLog audit,
        ClaimsPrincipal user, ActivityRegistry registry, CancellationToken ct)
    {
        if (await store.FindDefinitionAsync(definitionId, VersionOptions.Latest, ct) is null) return Results.NotFound();
        var result = await definitions.PublishAsync(definitionId, ct);
        await WorkflowAudit.PublishedAsync(audit, definitionId, result, ct);
        return result.Succeeded ? Results.Ok(WorkflowDefinitionEndpoints.SaveResponse(result, user, registry)) : ModelErrors(result.ValidationErrors);
    }

    private static async Task<IResult> RetractAsync(string definitionId, IWorkflowStore store, WorkflowDefinitionService definitions, IAuditLog audit,
        ClaimsPrincipal user, ActivityRegistry registry, CancellationToken ct)
    {
        if (await store.FindDefinitionAsync(definitionId, VersionOptions.AllVersions, ct) is null) return Results.NotFound();
        var record = await definitions.RetractAsync(definitionId, ct);
        await WorkflowAudit.RetractedAsync(audit, definitionId, record, ct);
        return record is null
            ? ModelErrors([$"工作流 '{definitionId}' 未发布，无法撤回。"])
            : Results.Ok(DefinitionJson.Definition(record, user, registry));
    }

    private static async Task<IResult> DeleteAsync(string definitionId, WorkflowDefinitionService definitions, IAuditLog audit, CancellationToken ct)
    {
        if (await definitions.DeleteAsync(definitionId, ct) == 0) return Results.NotFound();
        await WorkflowAudit.DeletedAsync(audit, definitionId, null, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> RevertAsync(string definitionId, int version, IWorkflowStore store, WorkflowDefinitionService definitions, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await definitions.RevertAsync(definitionId, version, ct);
        return record is null ? Results.NotFound() : Results.Ok(DefinitionJson.Summary(WorkflowDefinitionSummary.From(record), user));
    }

    /// <summary>
    /// Deletes one version. A published version is retracted first; when the latest version goes, the highest
    /// remaining one becomes latest (as Elsa does).
    /// </summary>
    private static async Task<IResult> DeleteVersionAsync(string id, IWorkflowStore store, WorkflowDefinitionService definitions, WorkflowRuntime runtime,
        IAuditLog audit, CancellationToken ct)
    {
        var record = await store.FindDefinitionByIdAsync(id, ct);
        if (record is null) return Results.NotFound();
        if (record.IsPublished) await definitions.RetractAsync(record.DefinitionId, ct);
        await store.DeleteDefinitionVersionAsync(id, ct);
        await WorkflowAudit.DeletedAsync(audit, record.DefinitionId, record, ct);
        runtime.Evict(id);
        runtime.InvalidateDefinition(record.DefinitionId);
        if (record.IsLatest) await PromoteLatestAsync(store, record.DefinitionId, ct);
        return Results.NoContent();
    }

    internal static async Task PromoteLatestAsync(IWorkflowStore store, string definitionId, CancellationToken ct)
    {
        if (await store.FindDefinitionAsync(definitionId, VersionOptions.Latest, ct) is not null) return;
        var remaining = await store.FindDefinitionAsync(definitionId, VersionOptions.AllVersions, ct);
        if (remaining is null) return;
        var document = WorkflowDefinitionDocument.Parse(remaining.Json);
        document.IsLatest = true;
        await store.SaveDefinitionsAsync([remaining with { IsLatest = true, Json = document.ToJson() }], ct);
    }

    /// <summary>
    /// Starts an instance: <c>{correlationId?, name?, triggerActivityId?, versionOptions?, input?}</c>; the published version
    /// unless <c>versionOptions</c> says otherwise. Answers with the state and <c>x-elsa-workflow-instance-id</c>.
    /// </summary>
    private static async Task<IResult> ExecuteAsync(string definitionId, HttpContext http, WorkflowRuntime runtime, CancellationToken ct)
    {
        var body = await ReadOptionalBodyAsync(http.Request, ct);
        var version = ParseVersion(body?.GetString("versionOptions")) ?? QueryVersion(http.Request) ?? VersionOptions.Published;
        var options = new StartWorkflowOptions
        {
            CorrelationId = body?.GetString("correlationId"),
            Name = body?.GetString("name"),
            TriggerActivityId = body?.GetString("triggerActivityId"),
            Input = body?["input"] is JsonObject input ? (JsonObject)input.DeepClone() : null,
        };
        return await StartAsync(definitionId, options, version, http, runtime, ct);
    }

    /// <summary>
    /// Elsa's GET form of execute: the same start, its fields in the query (<c>?correlationId=…&amp;name=…&amp;triggerActivityId=…
    /// &amp;versionOptions=…&amp;input={json}</c>); input that is not a JSON object is ignored, as Elsa ignores it.
    /// </summary>
    private static async Task<IResult> ExecuteFromQueryAsync(string definitionId, HttpContext http, WorkflowRuntime runtime, CancellationToken ct)
    {
        var request = http.Request;
        JsonObject? input = null;
        if (Query(request, "input") is { } text)
        {
            try
            {
                input = JsonNodes.Parse(text) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                input = null;
            }
        }
        var options = new StartWorkflowOptions
        {
            CorrelationId = Query(request, "correlationId"),
            Name = Query(request, "name"),
            TriggerActivityId = Query(request, "triggerActivityId"),
            Input = input,
        };
        return await StartAsync(definitionId, options, QueryVersion(request) ?? VersionOptions.Published, http, runtime, ct);
    }

    private static async Task<IResult> StartAsync(string definitionId, StartWorkflowOptions options, VersionOptions version, HttpContext http,
        WorkflowRuntime runtime, CancellationToken ct)
    {
        WorkflowRunResult result;
        try
        {
            result = await runtime.StartAsync(definitionId, options, version, null, ct);
        }
        catch (WorkflowDefinitionNotFoundException)
        {
            return Results.NotFound();
        }
        http.Response.Headers[InstanceIdHeader] = result.State.Id;
        return Results.Ok(new JsonObject { ["workflowState"] = InstanceJson.State(result.State) });
    }
}
