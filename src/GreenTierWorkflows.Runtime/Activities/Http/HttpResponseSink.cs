namespace GreenTierWorkflows.Runtime.Activities.Http;

/// <summary>What <c>Elsa.WriteHttpResponse</c> asks the host to send: status, content type, body text and headers.</summary>
public sealed record HttpWorkflowResponse(int StatusCode, string? ContentType, string? Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Where <c>Elsa.WriteHttpResponse</c> writes while a workflow runs for an HTTP request: the host opens a sink around the
/// run (<see cref="Open"/>; it flows with the async call, like Elsa's <c>IHttpContextAccessor</c>) and, once the step is
/// committed, sends <see cref="Response"/>. Without an open sink — the workflow was resumed by something other than a
/// request — the activity faults, as Elsa's does when the HTTP context is gone. The first response written is the one sent.
/// </summary>
public sealed class HttpResponseSink
{
    private static readonly AsyncLocal<HttpResponseSink?> CurrentSink = new();

    /// <summary>The sink of the request being handled on this async flow, if any.</summary>
    public static HttpResponseSink? Current => CurrentSink.Value;

    /// <summary>The response written by the workflow, if any.</summary>
    public HttpWorkflowResponse? Response { get; private set; }

    /// <summary>Opens a sink for the current async flow; disposing the scope closes it.</summary>
    public static IDisposable Open(out HttpResponseSink sink)
    {
        var previous = CurrentSink.Value;
        sink = new HttpResponseSink();
        CurrentSink.Value = sink;
        return new Scope(previous);
    }

    /// <summary>Records the response; false if one was already written (it stays).</summary>
    public bool Write(HttpWorkflowResponse response)
    {
        if (Response is not null) return false;
        Response = response;
        return true;
    }

    private sealed class Scope(HttpResponseSink? previous) : IDisposable
    {
        public void Dispose() => CurrentSink.Value = previous;
    }
}
