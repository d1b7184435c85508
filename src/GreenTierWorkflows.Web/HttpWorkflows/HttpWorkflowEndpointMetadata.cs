namespace GreenTierWorkflows.Web.HttpWorkflows;

/// <summary>
/// Marks the route of HTTP-triggered workflows, so the sign-in and refusal handlers treat it as an API (401/403 problems,
/// never a redirect to the sign-in page), wherever <see cref="HttpWorkflowOptions.BasePath"/> puts it.
/// </summary>
public sealed class HttpWorkflowEndpointMetadata
{
    /// <summary>True when the request was routed to the HTTP workflows' endpoint.</summary>
    public static bool IsWorkflowRequest(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<HttpWorkflowEndpointMetadata>() is not null;
}
