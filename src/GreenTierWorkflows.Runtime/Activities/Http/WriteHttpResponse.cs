using System.Net;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Http;

/// <summary>
/// <c>Elsa.WriteHttpResponse</c> (Studio: "HTTP Response"): answers the HTTP request the workflow is running for with
/// <c>StatusCode</c> (a name such as <c>OK</c>/<c>Created</c> or a number; default 200), <c>Content</c> (text as is, anything
/// else as JSON), <c>ContentType</c> (otherwise <c>text/plain</c> for text, <c>application/json</c> for the rest, as Elsa
/// chooses) and <c>ResponseHeaders</c>. The response goes to the host's <see cref="HttpResponseSink"/>; with no request
/// waiting for it the activity faults, as in Elsa.
/// </summary>
public sealed class WriteHttpResponse : IActivity
{
    private static readonly string[] StatusNames = Enum.GetNames<HttpStatusCode>().Distinct().ToArray();

    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("WriteHttpResponse", "HTTP", "HTTP Response", "Write a response to the current HTTP response object.") with
    {
        Inputs =
        [
            InputDescriptor.Dropdown("StatusCode", "System.Net.HttpStatusCode, System.Net.Primitives", StatusNames, "OK") with { Description = "The status code to return." },
            new InputDescriptor("Content", "Object") { Description = "The content to write back. String values will be sent as-is, while objects will be serialized to a JSON string." },
            InputDescriptor.Dropdown("ContentType", "String", ["", "application/json", "text/plain", "text/html", "application/xml", "text/xml"], null)
                with { Description = "The content type to write when sending the response." },
            new InputDescriptor("ResponseHeaders", "ObjectDictionary") { Description = "The headers to send along with the response.", UIHint = "json-editor", Category = "Advanced" },
        ],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var sink = HttpResponseSink.Current
            ?? throw new WorkflowFaultException("HTTP 响应无法写出：本次执行不是由 HTTP 请求触发的（工作流可能在请求结束后被其他方式恢复），已没有等待响应的请求。");
        var status = StatusCodeOf(await context.EvaluateInputAsync("StatusCode"));
        var content = await context.EvaluateInputAsync("Content");
        var contentType = await context.GetTextAsync("ContentType");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ValueConverter.ToJson(await context.EvaluateInputAsync("ResponseHeaders")) is JsonObject given)
            foreach (var (name, value) in given)
                headers[name] = value is JsonArray many ? string.Join(",", many.Select(v => ValueConverter.ToText(ValueConverter.FromJson(v)))) : ValueConverter.ToText(ValueConverter.FromJson(value)) ?? "";
        string? body = null;
        if (content is not null)
        {
            if (string.IsNullOrWhiteSpace(contentType)) contentType = content is string ? "text/plain" : "application/json";
            body = content is string text ? text : ValueConverter.ToJson(content)?.ToJsonString(Definitions.JsonNodes.Options) ?? "null";
        }
        if (status == (int)HttpStatusCode.NoContent) body = null;
        sink.Write(new HttpWorkflowResponse(status, string.IsNullOrWhiteSpace(contentType) ? null : contentType, body, headers));
        await context.CompleteAsync();
    }

    private static int StatusCodeOf(object? value)
    {
        var text = ValueConverter.ToText(value)?.Trim();
        if (string.IsNullOrEmpty(text)) return 200;
        if (int.TryParse(text, out var number) && number is >= 100 and <= 599) return number;
        if (Enum.TryParse<HttpStatusCode>(text, true, out var named) && !int.TryParse(text, out _)) return (int)named;
        throw new WorkflowFaultException($"HTTP 响应的状态码 '{text}' 无效：请填写 100–599 的数字或 OK、Created 等名称。");
    }
}
