using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Web.ElsaApi.ElsaApiSupport;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>The definition list's bulk actions (designers only).</summary>
internal static class BulkActionEndpoints
{
    public static RouteGroupBuilder MapBulkActions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/bulk-actions").RequireAuthorization(DesignersPolicy);
        group.MapPost("/publish/workflow-definitions/by-definition-ids", PublishAsync);
        group.MapPost("/retract/workflow-definitions/by-definition-ids", RetractAsync);
        group.MapPost("/delete/workflow-definitions/by-definition-id", DeleteByDefinitionIdAsync);
        group.MapPost("/delete/workflow-definitions/by-id", DeleteByIdAsync);
        return api;
    }

    private static List<string> Ids(JsonObject? body, string key) =>
        (ElsaKeys(body)?[key] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static async Task<IResult> PublishAsync(JsonObject? body, IWorkflowStore store, WorkflowDefinitionService definitions, IAuditLog audit, CancellationToken ct)
    {
        JsonArray published = [], alreadyPublished = [], notFound = [], skipped = [];
        foreach (var id in Ids(body, "definitionIds"))
        {
            if (await store.FindDefinitionAsync(id, VersionOptions.Latest, ct) is null) { notFound.Add(id); continue; }
            var result = await definitions.PublishAsync(id, ct);
            await WorkflowAudit.PublishedAsync(audit, id, result, ct);
            if (!result.Succeeded) skipped.Add(id);
            else if (result.AlreadyPublished) alreadyPublished.Add(id);
            else published.Add(id);
        }
        return Results.Ok(new JsonObject
        {
            ["published"] = published, ["alreadyPublished"] = alreadyPublished, ["notFound"] = notFound,
            ["skipped"] = skipped, ["updatedConsumers"] = new JsonArray(),
        });
    }

    private static async Task<IResult> RetractAsync(JsonObject? body, IWorkflowStore store, WorkflowDefinitionService definitions, IAuditLog audit, CancellationToken ct)
    {
        JsonArray retracted = [], alreadyRetracted = [], notFound = [];
        foreach (var id in Ids(body, "definitionIds"))
        {
            if (await store.FindDefinitionAsync(id, VersionOptions.AllVersions, ct) is null) { notFound.Add(id); continue; }
            var record = await definitions.RetractAsync(id, ct);
            if (record is null) alreadyRetracted.Add(id);
            else
            {
                retracted.Add(id);
                await WorkflowAudit.RetractedAsync(audit, id, record, ct);
            }
        }
        return Results.Ok(new JsonObject
        {
            ["retracted"] = retracted, ["alreadyRetracted"] = alreadyRetracted, ["notFound"] = notFound, ["skipped"] = new JsonArray(),
        });
    }

    private static async Task<IResult> DeleteByDefinitionIdAsync(JsonObject? body, WorkflowDefinitionService definitions, IAuditLog audit, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var id in Ids(body, "definitionIds"))
            if (await definitions.DeleteAsync(id, ct) > 0)
            {
                deleted++;
                await WorkflowAudit.DeletedAsync(audit, id, null, ct);
            }
        return Results.Ok(new JsonObject { ["deleted"] = deleted });
    }

    private static async Task<IResult> DeleteByIdAsync(JsonObject? body, IWorkflowStore store, WorkflowDefinitionService definitions, WorkflowRuntime runtime,
        IAuditLog audit, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var id in Ids(body, "ids"))
        {
            var record = await store.FindDefinitionByIdAsync(id, ct);
            if (record is null) continue;
            if (record.IsPublished) await definitions.RetractAsync(record.DefinitionId, ct);
            if (await store.DeleteDefinitionVersionAsync(id, ct))
            {
                deleted++;
                await WorkflowAudit.DeletedAsync(audit, record.DefinitionId, record, ct);
            }
            runtime.Evict(id);
            runtime.InvalidateDefinition(record.DefinitionId);
            if (record.IsLatest) await WorkflowDefinitionCommandEndpoints.PromoteLatestAsync(store, record.DefinitionId, ct);
        }
        return Results.Ok(new JsonObject { ["deleted"] = deleted });
    }
}
