using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>
/// A workflow used as an activity, as Elsa stores it on the node: <c>workflowDefinitionId</c>, the pinned
/// <c>workflowDefinitionVersionId</c> and the node's <c>version</c> (the child's version number).
/// </summary>
public sealed record WorkflowReference(string DefinitionId, string? VersionId, int? Version)
{
    /// <summary>The reference on a node, when it is a workflow-definition activity (a plain string <c>workflowDefinitionId</c>).</summary>
    public static WorkflowReference? FromNode(JsonObject node)
    {
        if (node["workflowDefinitionId"] is not JsonValue v || !v.TryGetValue<string>(out var definitionId) || string.IsNullOrWhiteSpace(definitionId)) return null;
        var versionId = node.GetString("workflowDefinitionVersionId");
        return new WorkflowReference(definitionId, string.IsNullOrWhiteSpace(versionId) ? null : versionId, node.GetInt("version"));
    }

    /// <summary>Every reference below <paramref name="root"/> (not into the referenced definitions).</summary>
    public static IEnumerable<WorkflowReference> Collect(JsonNode? root) =>
        Objects(root).Select(FromNode).OfType<WorkflowReference>();

    /// <summary>The nodes below <paramref name="root"/> that use <paramref name="definitionId"/> as an activity.</summary>
    public static IEnumerable<JsonObject> NodesUsing(JsonNode? root, string definitionId) =>
        Objects(root).Where(o => FromNode(o)?.DefinitionId == definitionId);

    /// <summary>Definition ids that <c>Elsa.ExecuteWorkflow</c> / <c>Elsa.DispatchWorkflow</c> nodes below <paramref name="root"/> name as literals.</summary>
    public static IEnumerable<string> StartedBy(JsonNode? root) =>
        Objects(root).Where(o => o.GetString("type") is "Elsa.ExecuteWorkflow" or "Elsa.DispatchWorkflow")
            .Select(o => o["workflowDefinitionId"] is JsonObject { } input && input["expression"] is JsonObject expression
                && (expression.GetString("type") ?? "Literal") == "Literal" ? expression.GetString("value") : null)
            .OfType<string>().Where(id => id.Length > 0);

    /// <summary>Every JSON object at or below <paramref name="node"/>, skipping expressions and designer data.</summary>
    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        var pending = new Stack<JsonNode?>([node]);
        while (pending.TryPop(out var current))
        {
            switch (current)
            {
                case JsonObject o:
                    yield return o;
                    foreach (var (key, value) in o)
                        if (key is not ("expression" or "customProperties" or "metadata")) pending.Push(value);
                    break;
                case JsonArray a:
                    for (var i = a.Count - 1; i >= 0; i--) pending.Push(a[i]);
                    break;
            }
        }
    }

    public override string ToString() => VersionId is not null ? $"{DefinitionId}（版本 {VersionId}）" : Version is { } n ? $"{DefinitionId}（第 {n} 版）" : DefinitionId;
}
