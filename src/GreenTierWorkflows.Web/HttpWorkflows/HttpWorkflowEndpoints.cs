using System.Text;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace GreenTierWorkflows.Web.HttpWorkflows;

/// <summary>
/// Workflows triggered by HTTP requests, Elsa's HTTP middleware as one route: <c>{BasePath}/{**path}</c> (default
/// <c>/workflows/…</c>, <see cref="HttpWorkflowOptions"/>) for any method. Authenticated like the rest of the API (an
/// anonymous request is a 401 problem, cookie or bearer as for <c>/api</c>); a workflow's endpoint that names a
/// <c>Policy</c> is also authorized against it (refused: 403). The request is matched by the runtime
/// (<see cref="HttpWorkflowDispatcher"/>: a start trigger or a waiting bookmark; nothing matches: 404, as Elsa), its body
/// parsed (JSON, form fields or text; invalid JSON: 400; over <see cref="HttpWorkflowOptions.MaxRequestBodyBytes"/>: 413)
/// and handed to the workflow, and what <c>Elsa.WriteHttpResponse</c> wrote is sent once the step is committed (nothing
/// written: an empty 200; the workflow faulted: 500, as Elsa). Query <c>correlationId</c> / <c>workflowInstanceId</c>
/// narrow which waiting instance is resumed, or name the instance a trigger starts, as in Elsa. Credentials (<c>Authorization</c>, <c>Cookie</c>) are not handed
/// to the workflow, so they are never stored with the instance.
/// </summary>
public static class HttpWorkflowEndpoints
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];
    private static readonly string[] Withheld = ["Authorization", "Cookie"];

    /// <summary>Registers the options (validated on start) and the runtime's dispatcher.</summary>
    public static WebApplicationBuilder AddHttpWorkflows(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpWorkflowOptions>().BindConfiguration(HttpWorkflowOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HttpWorkflowOptions>, HttpWorkflowOptionsValidator>();
        builder.Services.AddSingleton<HttpWorkflowDispatcher>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHttpWorkflows(this IEndpointRouteBuilder app)
    {
        var basePath = app.ServiceProvider.GetRequiredService<IOptions<HttpWorkflowOptions>>().Value.BasePath.Trim().TrimEnd('/');
        app.MapMethods(basePath + "/{**path}", Methods, HandleAsync)
            .RequireAuthorization()
            .WithMetadata(new HttpWorkflowEndpointMetadata())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, string? path, HttpWorkflowDispatcher dispatcher, IAuthorizationService authorization,
        IAuthorizationPolicyProvider policies, IOptions<HttpWorkflowOptions> options, CancellationToken ct)
    {
        var request = http.Request;
        var relative = "/" + (path ?? "");
        var correlationId = NonEmpty(request.Query["correlationId"]);
        var instanceId = NonEmpty(request.Query["workflowInstanceId"]);
        var match = await dispatcher.MatchAsync(relative, request.Method, correlationId, instanceId, ct);
        if (match is null)
            return Results.Problem($"没有工作流响应 {request.Method} {request.Path}。", statusCode: StatusCodes.Status404NotFound, title: "未找到");
        if (match.IsAmbiguous)
            return Results.Problem($"请求同时匹配到多个工作流（{string.Join("、", match.Triggers.Select(t => t.DefinitionId).Concat(match.Bookmarks.Select(b => b.WorkflowInstanceId)))}），未执行；"
                + "请调整工作流的路径，或用 correlationId / workflowInstanceId 指明实例。", statusCode: StatusCodes.Status500InternalServerError, title: "请求有歧义");
        if (match.Policy is { } policy)
        {
            var allowed = await policies.GetPolicyAsync(policy) is not null && (await authorization.AuthorizeAsync(http.User, policy)).Succeeded;
            if (!allowed)
                return Results.Problem($"该工作流接口要求授权策略「{policy}」，当前账号不满足。", statusCode: StatusCodes.Status403Forbidden, title: "无权访问");
        }

        var limit = options.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
            return TooLarge(limit);
        JsonNode? content;
        try
        {
            var (parsed, tooLarge) = await ReadContentAsync(request, limit, ct);
            if (tooLarge) return TooLarge(limit);
            content = parsed;
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Results.Problem($"请求体不是合法的 JSON：{ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "提交的内容有误");
        }

        var run = await dispatcher.RunAsync(match, new HttpEndpointRequest(request.Method, request.Path.Value ?? relative, ToJson(request.Query),
            ToJson(request.Headers.Where(h => !Withheld.Contains(h.Key, StringComparer.OrdinalIgnoreCase))), request.ContentType, content), correlationId, instanceId, ct);
        if (run.Refusal is not null)
            return Results.Problem(run.Refusal, statusCode: StatusCodes.Status409Conflict, title: "操作冲突");
        if (run.Response is { } response)
            return new WorkflowResponseResult(response);
        if (run.Run?.State.SubStatus == WorkflowSubStatus.Faulted)
            return Results.Problem($"工作流执行出错：{run.Run.State.Incidents.LastOrDefault()?.Message}", statusCode: StatusCodes.Status500InternalServerError,
                title: "工作流执行出错");
        return Results.Ok();
    }

    private static IResult TooLarge(long limit) =>
        Results.Problem($"请求体超过 {limit:N0} 字节的上限。", statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求体过大");

    private static string? NonEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();

    /// <summary>The body as the workflow sees it (Elsa's content parsers): JSON, form fields, or text; nothing when empty.</summary>
    private static async Task<(JsonNode? Content, bool TooLarge)> ReadContentAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return (ToJson(form), false);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return (null, true);
        }
        if (buffer.Length == 0) return (null, false);
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var type = request.ContentType ?? "";
        var isJson = type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase);
        return (isJson ? JsonNode.Parse(text) : JsonValue.Create(text), false);
    }

    /// <summary>Name → value (one value) or array (several), as Elsa's <c>ToObjectDictionary</c>.</summary>
    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, values) in pairs)
            result[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        return result;
    }
}
