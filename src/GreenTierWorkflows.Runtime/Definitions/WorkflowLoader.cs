using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Activities.Composition;
using GreenTierWorkflows.Runtime.Activities.Primitives;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>
/// Turns definition JSON into a runnable <see cref="WorkflowGraph"/>: resolves every activity type through the
/// registry, walks container slots, assigns node ids, and collects diagnostics with JSON paths. A node that names a
/// workflow definition (<c>workflowDefinitionId</c>) and whose type the registry does not know is a workflow used as an
/// activity: the <paramref name="resolver"/> finds that definition and its root is loaded below the node (node ids
/// prefixed by the node's), so the child runs — and is resumed — as part of the parent's graph.
/// </summary>
public sealed class WorkflowLoader(ActivityRegistry registry)
{
    public ActivityRegistry Registry => registry;

    /// <param name="resolver">Finds workflows used as activities; without one such a node is an error.</param>
    public WorkflowGraph Load(WorkflowDefinitionDocument definition, IWorkflowDefinitionResolver? resolver = null)
    {
        var compilation = new WorkflowCompilation(registry) { Resolver = resolver };
        compilation.Composing.Push(definition.DefinitionId ?? definition.Id ?? "");
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
        WorkflowCompilation compilation, Dictionary<string, ActivityNode> nodes, List<VariableDeclaration> variables, bool ignoreNodeIds = false)
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
        WorkflowDefinitionDocument? child = null;
        if (string.IsNullOrWhiteSpace(type))
            compilation.Error(path + ".type", "活动缺少 type。");
        else if (!registry.Contains(type) && WorkflowReference.FromNode(json) is { } reference)
        {
            child = ResolveChild(reference, type, path, compilation);
            behavior = child is null ? registry.Find(NotFoundActivity.TypeName) ?? new NotFoundActivity() : new WorkflowDefinitionActivity(child);
        }
        else
            behavior = registry.Find(type, version);

        if (behavior is null && !string.IsNullOrWhiteSpace(type))
            compilation.Error(path + ".type", $"未知的活动类型 '{type}'（版本 {version}）。");
        behavior ??= registry.Find(NotFoundActivity.TypeName) ?? new NotFoundActivity();

        var nodeId = ignoreNodeIds ? null : json.GetString("nodeId");
        if (string.IsNullOrWhiteSpace(nodeId) || nodes.ContainsKey(nodeId)) nodeId = $"{parentNodeId}:{id}";
        var node = new ActivityNode(json, id, nodeId, type ?? NotFoundActivity.TypeName, version, path, parent, behavior);
        if (!nodes.TryAdd(nodeId, node))
            compilation.Error(path + ".id", $"活动 id '{id}' 重复。");

        foreach (var v in (json.GetArray("variables") ?? []).OfType<JsonObject>())
            variables.Add(VariableDeclaration.FromJson(v));

        if (child?.Root is { } childRoot)
        {
            compilation.Composing.Push(child.DefinitionId ?? child.Id ?? "");
            node.Slots[WorkflowDefinitionActivity.RootSlot] =
                [CreateNode(childRoot, $"{path}<{child.DefinitionId}>.root", node, nodeId, compilation, nodes, new List<VariableDeclaration>(), ignoreNodeIds: true)];
            compilation.Composing.Pop();
        }

        foreach (var slot in behavior.Descriptor.ChildSlots)
        {
            var list = new List<ActivityNode>();
            node.Slots[slot.PropertyName] = list;
            var slotPath = $"{path}.{slot.PropertyName}";
            switch (slot.Kind)
            {
                case ChildSlotKind.Single when json[slot.PropertyName] is JsonObject slotChild:
                    list.Add(CreateNode(slotChild, slotPath, node, nodeId, compilation, nodes, variables, ignoreNodeIds));
                    break;
                case ChildSlotKind.Many:
                    var items = json.GetArray(slot.PropertyName) ?? [];
                    for (var i = 0; i < items.Count; i++)
                        if (items[i] is JsonObject item)
                            list.Add(CreateNode(item, $"{slotPath}[{i}]", node, nodeId, compilation, nodes, variables, ignoreNodeIds));
                    break;
                case ChildSlotKind.CaseList:
                    var cases = json.GetArray(slot.PropertyName) ?? [];
                    for (var i = 0; i < cases.Count; i++)
                        if (cases[i] is JsonObject c && c[slot.CaseActivityProperty ?? "activity"] is JsonObject caseActivity)
                            list.Add(CreateNode(caseActivity, $"{slotPath}[{i}].{slot.CaseActivityProperty ?? "activity"}", node, nodeId, compilation, nodes, variables, ignoreNodeIds));
                        else
                            list.Add(null!);
                    list.RemoveAll(x => x is null);
                    break;
            }
        }

        return node;
    }

    private static WorkflowDefinitionDocument? ResolveChild(WorkflowReference reference, string type, string path, WorkflowCompilation compilation)
    {
        if (compilation.Resolver?.Resolve(reference) is not { } child)
        {
            compilation.Error(path + ".workflowDefinitionId", $"活动 '{type}' 引用的工作流 {reference} 不存在（或未提供子工作流的查找位置）。");
            return null;
        }
        if (compilation.Composing.Contains(child.DefinitionId ?? child.Id ?? ""))
        {
            compilation.Error(path + ".workflowDefinitionId", $"活动 '{type}' 引用的工作流 {reference} 直接或间接引用了自身，无法运行。");
            return null;
        }
        return child;
    }
}
