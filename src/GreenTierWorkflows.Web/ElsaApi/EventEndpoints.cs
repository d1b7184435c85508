using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Management;
using static GreenTierWorkflows.Web.ElsaApi.ElsaApiSupport;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>Elsa's event trigger: resumes waiting <c>Elsa.Event</c> activities and starts event-triggered workflows.</summary>
internal static class EventEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        api.MapPost("/events/{eventName}/trigger", TriggerAsync).RequireAuthorization(DesignersPolicy);
        return api;
    }

    /// <summary>Body (all optional): <c>{workflowInstanceId, correlationId, input}</c>. Runs synchronously and lists the instances it moved.</summary>
    private static async Task<IResult> TriggerAsync(string eventName, HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        JsonObject? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = ElsaKeys(await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return Results.Problem(statusCode: 400, title: "请求体不是合法的 JSON。", detail: ex.Message);
            }
        }
        var results = await runtime.TriggerEventAsync(eventName, body?.GetObject("input"), body?.GetString("correlationId"), body?.GetString("workflowInstanceId"), ct);
        return Results.Ok(new JsonObject
        {
            ["workflowInstanceIds"] = new JsonArray(results.Select(r => (JsonNode?)JsonValue.Create(r.State.Id)).ToArray()),
            ["count"] = results.Count,
        });
    }
}
