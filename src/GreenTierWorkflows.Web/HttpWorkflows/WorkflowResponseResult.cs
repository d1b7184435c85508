using GreenTierWorkflows.Runtime.Activities.Http;

namespace GreenTierWorkflows.Web.HttpWorkflows;

/// <summary>Sends what a workflow's <c>Elsa.WriteHttpResponse</c> wrote: status, headers, content type and body.</summary>
public sealed class WorkflowResponseResult(HttpWorkflowResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers) http.Headers[name] = value;
        if (response.ContentType is { } type) http.ContentType = IsText(type) && !type.Contains("charset", StringComparison.OrdinalIgnoreCase) ? type + "; charset=utf-8" : type;
        if (response.Body is { } body && !HttpMethods.IsHead(httpContext.Request.Method)) await http.WriteAsync(body, httpContext.RequestAborted);
    }

    /// <summary>Text the body is written as (UTF-8), so Chinese arrives intact.</summary>
    private static bool IsText(string type) =>
        type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || type.Contains("json", StringComparison.OrdinalIgnoreCase) || type.Contains("xml", StringComparison.OrdinalIgnoreCase);
}
