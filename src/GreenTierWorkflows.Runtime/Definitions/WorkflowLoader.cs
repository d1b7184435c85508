using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Activities.Primitives;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>
/// Turns definition JSON into a runnable <see cref="WorkflowGraph"/>: resolves every activity type through the
/// registry, walks container slots, assigns node ids, and collects diagnostics with JSON paths.
/// </summary>
public sealed class WorkflowLoader(ActivityRegistry registry)
{
    public ActivityRegistry Registry => registry;

    public WorkflowGraph Load(WorkflowDefinitionDocument definition)
    {
        var compilation = new WorkflowCompilation(registry);
        var nodes = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        var variables = new List<VariableDeclaration>(definition.Variables);

        if (string.IsNullOrWhiteSpace(definition.DefinitionId) && string.IsNullOrWhiteSpace(definition.Id))
            compilation.Warning("$", "定义缺少 definitionId 和 id。");

        var rootJson = definition.Root;
        ActivityNode root;
        if (rootJson is null)
        {
            compilation.Error("$.root", "定义缺少根活动 root。");
            root = CreateNode(new JsonObject { ["type"] = "Elsa.Flowchart", ["id"] = "root" }, "$.root", null, "Workflow1", compilation, nodes, variables);
        }
        else
        {
            root = CreateNode(rootJson, "$.root", null, "Workflow1", compilation, nodes, variables);
        }

        foreach (var node in nodes.Values) node.Behavior.Prepare(node, compilation);
        return new WorkflowGraph(definition, root, nodes, variables, compilation.Diagnostics);
    }

    private ActivityNode CreateNode(JsonObject json, string path, ActivityNode? parent, string parentNodeId,
        WorkflowCompilation compilation, Dictionary<string, ActivityNode> nodes, List<VariableDeclaration> variables)
    {
        var type = json.GetString("type");
        var id = json.GetString("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            id = $"{path.GetHashCode():x8}";
            compilation.Error(path + ".id", "活动缺少 id。");
        }

        var version = json.GetInt("version") ?? 1;
        IActivity? behavior = null;
        if (string.IsNullOrWhiteSpace(type))
            compilation.Error(path + ".type", "活动缺少 type。");
        else
            behavior = registry.Find(type, version);

        if (behavior is null && !string.IsNullOrWhiteSpace(type))
            compilation.Error(path + ".type", $"未知的活动类型 '{type}'（版本 {version}）。");
        behavior ??= registry.Find(NotFoundActivity.TypeName) ?? new NotFoundActivity();

        var nodeId = json.GetString("nodeId");
        if (string.IsNullOrWhiteSpace(nodeId) || nodes.ContainsKey(nodeId)) nodeId = $"{parentNodeId}:{id}";
        var node = new ActivityNode(json, id, nodeId, type ?? NotFoundActivity.TypeName, version, path, parent, behavior);
        if (!nodes.TryAdd(nodeId, node))
            compilation.Error(path + ".id", $"活动 id '{id}' 重复。");

        foreach (var v in (json.GetArray("variables") ?? []).OfType<JsonObject>())
            variables.Add(VariableDeclaration.FromJson(v));

        foreach (var slot in behavior.Descriptor.ChildSlots)
        {
            var list = new List<ActivityNode>();
            node.Slots[slot.PropertyName] = list;
            var slotPath = $"{path}.{slot.PropertyName}";
            switch (slot.Kind)
            {
                case ChildSlotKind.Single when json[slot.PropertyName] is JsonObject child:
                    list.Add(CreateNode(child, slotPath, node, nodeId, compilation, nodes, variables));
                    break;
                case ChildSlotKind.Many:
                    var items = json.GetArray(slot.PropertyName) ?? [];
                    for (var i = 0; i < items.Count; i++)
                        if (items[i] is JsonObject item)
                            list.Add(CreateNode(item, $"{slotPath}[{i}]", node, nodeId, compilation, nodes, variables));
                    break;
                case ChildSlotKind.CaseList:
                    var cases = json.GetArray(slot.PropertyName) ?? [];
                    for (var i = 0; i < cases.Count; i++)
                        if (cases[i] is JsonObject c && c[slot.CaseActivityProperty ?? "activity"] is JsonObject caseActivity)
                            list.Add(CreateNode(caseActivity, $"{slotPath}[{i}].{slot.CaseActivityProperty ?? "activity"}", node, nodeId, compilation, nodes, variables));
                        else
                            list.Add(null!);
                    list.RemoveAll(x => x is null);
                    break;
            }
        }

        return node;
    }
}
