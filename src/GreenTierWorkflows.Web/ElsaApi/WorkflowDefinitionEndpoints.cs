using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Web.ElsaApi.ElsaApiSupport;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>Reading and saving workflow definitions: list, get, save/publish, export, import, name check.</summary>
internal static class WorkflowDefinitionEndpoints
{
    public static RouteGroupBuilder MapWorkflowDefinitions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions");
        group.MapGet("", ListAsync);
        group.MapGet("/by-definition-id/{definitionId}", GetByDefinitionIdAsync);
        group.MapGet("/by-id/{id}", GetByIdAsync);
        group.MapGet("/validation/is-name-unique", IsNameUniqueAsync);
        group.MapGet("/query/count", CountAsync);
        group.MapGet("/{definitionId}/export", ExportAsync);
        group.MapPost("", SaveAsync).RequireAuthorization(DesignersPolicy);
        group.MapPost("/import", ImportAsync).RequireAuthorization(DesignersPolicy);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IWorkflowStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        // Studio's instance list asks for the versions its rows started on by version id (Ids=…&Ids=…) without
        // versionOptions: as in Elsa, those are matched in any version; otherwise the list shows latest versions.
        var versionIds = QueryList(request, "Ids");
        var filter = new WorkflowDefinitionFilter
        {
            VersionOptions = QueryVersion(request) ?? (versionIds.Count > 0 ? null : VersionOptions.Latest),
            DefinitionIds = QueryList(request, "DefinitionIds") is { Count: > 0 } ids ? ids : null,
            Ids = versionIds.Count > 0 ? versionIds : null,
            SearchTerm = Query(request, "SearchTerm"),
            IsSystem = QueryBool(request, "IsSystem"),
            OrderBy = Query(request, "OrderBy")?.ToLowerInvariant() switch
            {
                "version" => DefinitionOrder.Version,
                "created" or "createdat" => DefinitionOrder.CreatedAt,
                _ => DefinitionOrder.Name,
            },
            Descending = string.Equals(Query(request, "OrderDirection"), "Descending", StringComparison.OrdinalIgnoreCase),
        };
        var pageSize = QueryInt(request, "PageSize") is int size and > 0 ? size : int.MaxValue;
        var page = pageSize == int.MaxValue ? 0 : Math.Max(0, QueryInt(request, "Page") ?? 0);
        var result = await store.ListDefinitionsAsync(filter, page, pageSize, ct);
        return Results.Ok(new JsonObject
        {
            ["items"] = new JsonArray(result.Items.Select(s => (JsonNode)DefinitionJson.Summary(s, user)).ToArray()),
            ["totalCount"] = result.TotalCount,
            ["links"] = DefinitionJson.ListLinks(IsDesigner(user)),
        });
    }

    private static async Task<IResult> CountAsync(IWorkflowStore store, CancellationToken ct)
    {
        var page = await store.ListDefinitionsAsync(new WorkflowDefinitionFilter { VersionOptions = VersionOptions.Latest }, 0, 0, ct);
        return Results.Ok(new JsonObject { ["count"] = page.TotalCount });
    }

    private static async Task<IResult> GetByDefinitionIdAsync(string definitionId, HttpRequest request, IWorkflowStore store, ClaimsPrincipal user,
        ActivityRegistry registry, CancellationToken ct)
    {
        var record = await store.FindDefinitionAsync(definitionId, QueryVersion(request) ?? VersionOptions.Latest, ct);
        return record is null ? Results.NotFound() : Results.Ok(DefinitionJson.Definition(record, user, registry));
    }

    private static async Task<IResult> GetByIdAsync(string id, IWorkflowStore store, ClaimsPrincipal user, ActivityRegistry registry, CancellationToken ct)
    {
        var record = await store.FindDefinitionByIdAsync(id, ct);
        return record is null ? Results.NotFound() : Results.Ok(DefinitionJson.Definition(record, user, registry));
    }

    private static async Task<IResult> IsNameUniqueAsync(HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        var name = Query(request, "name");
        var definitionId = Query(request, "definitionId");
        if (name is null) return Results.Ok(new JsonObject { ["isUnique"] = true });
        var same = await store.FindDefinitionsAsync(new WorkflowDefinitionFilter { Name = name, VersionOptions = VersionOptions.Latest }, ct);
        return Results.Ok(new JsonObject { ["isUnique"] = same.All(d => d.DefinitionId == definitionId) });
    }

    private static async Task<IResult> ExportAsync(string definitionId, HttpRequest request, IWorkflowStore store, ActivityRegistry registry, CancellationToken ct)
    {
        var record = await store.FindDefinitionAsync(definitionId, QueryVersion(request) ?? VersionOptions.Latest, ct);
        if (record is null) return Results.NotFound();
        var bytes = Encoding.UTF8.GetBytes(DefinitionJson.Export(record, registry).ToJsonString(JsonNodes.Indented));
        return Results.File(bytes, "application/json", $"workflow-definition-{record.DefinitionId}-v{record.Version}.json");
    }

    /// <summary>Studio's save and publish: <c>{model, publish}</c>.</summary>
    private static async Task<IResult> SaveAsync(JsonObject? body, WorkflowDefinitionService definitions, IAuditLog audit, ClaimsPrincipal user,
        ActivityRegistry registry, CancellationToken ct)
    {
        body = ElsaKeys(body, "model");
        if (body?["model"] is not JsonObject model) return ModelErrors(["请求缺少 model。"]);
        var publish = body["publish"] is JsonValue p && p.TryGetValue<bool>(out var flag) && flag;
        var document = new WorkflowDefinitionDocument((JsonObject)model.DeepClone());
        if (RootError(document) is { } rootError) return ModelErrors([rootError]);
        DefinitionJson.Normalize(document.Root);
        var result = await definitions.SaveAsync(document, publish, ct);
        if (publish) await WorkflowAudit.PublishedAsync(audit, document.DefinitionId, result, ct);
        return result.Succeeded ? Results.Ok(SaveResponse(result, user, registry)) : ModelErrors(result.ValidationErrors);
    }

    /// <summary>Elsa's import: the model itself or an export file (with <c>$schema</c>); also <c>{model}</c>.</summary>
    private static async Task<IResult> ImportAsync(JsonObject? body, IWorkflowStore store, WorkflowDefinitionService definitions, IAuditLog audit,
        ClaimsPrincipal user, ActivityRegistry registry, CancellationToken ct)
    {
        body = ElsaKeys(body, "model");
        if (body is null) return ModelErrors(["请求体为空。"]);
        var model = body["model"] is JsonObject inner && !body.ContainsKey("root") ? inner : body;
        var document = new WorkflowDefinitionDocument((JsonObject)model.DeepClone());
        if (RootError(document) is { } rootError) return ModelErrors([rootError]);
        DefinitionJson.Normalize(document.Root);
        var isNew = document.DefinitionId is not { Length: > 0 } definitionId
            || await store.FindDefinitionAsync(definitionId, VersionOptions.Latest, ct) is null;
        var result = await definitions.ImportAsync(document, ct);
        if (document.IsPublished) await WorkflowAudit.PublishedAsync(audit, document.DefinitionId, result, ct);
        if (!result.Succeeded) return ModelErrors(result.ValidationErrors);
        var json = DefinitionJson.Definition(result.Definition!, user, registry);
        return isNew ? Results.Created($"/elsa/api/workflow-definitions/by-definition-id/{result.Definition!.DefinitionId}", json) : Results.Ok(json);
    }

    /// <summary><c>{workflowDefinition, alreadyPublished, consumingWorkflowCount, validationErrors}</c>.</summary>
    public static JsonObject SaveResponse(DefinitionSaveResult result, ClaimsPrincipal user, ActivityRegistry registry) => new()
    {
        ["workflowDefinition"] = DefinitionJson.Definition(result.Definition!, user, registry),
        ["alreadyPublished"] = result.AlreadyPublished,
        ["consumingWorkflowCount"] = 0,
        ["validationErrors"] = new JsonArray(),
    };
}
