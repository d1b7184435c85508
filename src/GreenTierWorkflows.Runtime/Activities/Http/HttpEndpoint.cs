using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Http;

/// <summary>
/// <c>Elsa.HttpEndpoint</c>: starts a workflow (with "Trigger workflow" set) or waits in the middle of one for an inbound
/// HTTP request whose path (under the host's base path, e.g. <c>/workflows</c>) and method match. As in Elsa, one trigger or
/// bookmark is indexed per supported method, by the lower-case path and method; <c>Authorize</c> and <c>Policy</c> ride along
/// (left out of the hash) for the host to enforce before the workflow runs. The host hands the request over as the input
/// <see cref="RequestKey"/> (<see cref="Management.HttpWorkflowDispatcher"/>); the activity sets <c>ParsedContent</c>, <c>RouteData</c>,
/// <c>QueryStringData</c> and <c>Headers</c> from it and completes.
/// </summary>
public sealed class HttpEndpoint : ITriggerActivity
{
    public const string TypeName = "Elsa.HttpEndpoint";

    /// <summary>The input key under which the host passes the request (<c>{method, path, routeData, queryStringData, headers, contentType, parsedContent}</c>).</summary>
    public const string RequestKey = "HttpRequest";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "HEAD", "DELETE"];

    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("HttpEndpoint", "HTTP", "HTTP Endpoint", "Wait for an inbound HTTP request that matches the specified path and methods.") with
    {
        Kind = ActivityKind.Trigger,
        Inputs =
        [
            new InputDescriptor("Path", "String") { Description = "The path to associate with the workflow.", Order = 0 },
            new InputDescriptor("SupportedMethods", "String[]")
            {
                DisplayName = "Supported Methods",
                Description = "The HTTP methods to accept.",
                UIHint = "checklist",
                DefaultValue = new JsonArray("GET"),
                DefaultSyntax = "Object",
                Order = 1,
                UISpecifications = new JsonObject
                {
                    // Elsa's CheckListProps: { checkList: { items: [{text, value}], isFlagsEnum } }.
                    ["checklist"] = new JsonObject
                    {
                        ["checkList"] = new JsonObject
                        {
                            ["items"] = new JsonArray(Methods.Select(m => (JsonNode)new JsonObject { ["text"] = m, ["value"] = m }).ToArray()),
                            ["isFlagsEnum"] = false,
                        },
                    },
                },
            },
            new InputDescriptor("Authorize", "Boolean") { Description = "Allow authenticated requests only.", Category = "Security", UIHint = "checkbox", DefaultValue = false, Order = 2 },
            new InputDescriptor("Policy", "String") { Description = "Provide a policy to evaluate. If the policy fails, the request is forbidden.", Category = "Security", Order = 3 },
        ],
        Outputs =
        [
            new OutputDescriptor("ParsedContent", "Object") { Description = "The parsed request content, if any." },
            new OutputDescriptor("RouteData", "ObjectDictionary") { Description = "The parsed route data, if any." },
            new OutputDescriptor("QueryStringData", "ObjectDictionary") { Description = "The querystring data, if any." },
            new OutputDescriptor("Headers", "ObjectDictionary") { Description = "The headers, if any." },
        ],
    };

    public string[] ExcludeFromHash => ["authorize", "policy"];

    /// <summary>The stimulus of one path and method (what the host looks a request up by).</summary>
    public static JsonObject Stimulus(string path, string method) =>
        new() { ["path"] = HttpEndpointRoute.Normalize(path), ["method"] = method.Trim().ToLowerInvariant() };

    public static string Hash(string path, string method) => StimulusHasher.Hash(TypeName, Stimulus(path, method));

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Workflow.ResumeInput?[RequestKey] is JsonObject request && context.IsTriggerOfWorkflow())
        {
            await ReceiveAsync(context, request);
            return;
        }
        foreach (var payload in await PayloadsAsync(context.Activity, context.Workflow.Expressions, context.Scope))
            context.CreateBookmark(payload, excludeFromHash: ExcludeFromHash);
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark) =>
        context.Workflow.ResumeInput?[RequestKey] is JsonObject request
            ? ReceiveAsync(context, request)
            : throw new WorkflowFaultException("HTTP 端点被恢复，但没有收到 HTTP 请求的内容。");

    private static ValueTask ReceiveAsync(ActivityExecutionContext context, JsonObject request)
    {
        context.SetOutput("ParsedContent", ValueConverter.FromJson(request["parsedContent"]));
        context.SetOutput("RouteData", request["routeData"]?.DeepClone() ?? new JsonObject());
        context.SetOutput("QueryStringData", request["queryStringData"]?.DeepClone() ?? new JsonObject());
        context.SetOutput("Headers", request["headers"]?.DeepClone() ?? new JsonObject());
        return context.CompleteAsync();
    }

    public async ValueTask<JsonObject> GetTriggerPayloadAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope) =>
        (await PayloadsAsync(node, expressions, scope))[0];

    public async ValueTask<IReadOnlyList<JsonObject>> GetTriggerPayloadsAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope) =>
        await PayloadsAsync(node, expressions, scope);

    /// <summary>One payload per supported method: <c>{path, method, authorize, policy}</c>.</summary>
    private async ValueTask<IReadOnlyList<JsonObject>> PayloadsAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope)
    {
        var path = ValueConverter.ToText(await Evaluate(node, "Path", expressions, scope)) ?? "";
        var methods = ValueConverter.ToList(await Evaluate(node, "SupportedMethods", expressions, scope))
            .Select(ValueConverter.ToText).OfType<string>().Where(m => m.Trim().Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (methods.Count == 0) methods.Add("GET");
        var authorize = ValueConverter.ToBoolean(await Evaluate(node, "Authorize", expressions, scope));
        var policy = ValueConverter.ToText(await Evaluate(node, "Policy", expressions, scope));
        return methods.Select(m =>
        {
            var payload = Stimulus(path, m);
            payload["authorize"] = authorize;
            payload["policy"] = string.IsNullOrWhiteSpace(policy) ? null : policy.Trim();
            return payload;
        }).ToList();
    }

    private ValueTask<object?> Evaluate(ActivityNode node, string input, ExpressionEngine expressions, IExpressionScope scope) =>
        expressions.EvaluateInputAsync(node.Json[JsonNodes.CamelCase(input)], Descriptor.FindInput(input), scope);

    public TriggerSchedule GetSchedule(JsonObject payload, DateTimeOffset now) => new(TriggerScheduleKind.Stimulus);

    public void Prepare(ActivityNode node, WorkflowCompilation compilation)
    {
        var path = node.Json["path"];
        var literal = path is JsonObject wrapped && wrapped["expression"] is JsonObject e && (e.GetString("type") ?? "Literal") == "Literal" ? e.GetString("value") : path?.ToString();
        if (path is null || (literal is not null && string.IsNullOrWhiteSpace(literal)))
            compilation.Warning($"{node.JsonPath}.path", "HTTP 端点未填写路径（Path），请求无法匹配到它。");
    }
}
