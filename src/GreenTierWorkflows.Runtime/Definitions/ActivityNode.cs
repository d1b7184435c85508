using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>One activity of a loaded workflow version: its JSON, resolved behaviour and embedded children.</summary>
public sealed class ActivityNode
{
    internal ActivityNode(JsonObject json, string id, string nodeId, string type, int version, string jsonPath, ActivityNode? parent, IActivity behavior)
    {
        Json = json;
        Id = id;
        NodeId = nodeId;
        Type = type;
        Version = version;
        JsonPath = jsonPath;
        Parent = parent;
        Behavior = behavior;
    }

    public JsonObject Json { get; }
    public string Id { get; }
    public string NodeId { get; }
    public string Type { get; }
    public int Version { get; }
    public string Name => Json.GetString("name") ?? Id;
    /// <summary>Where this activity sits in the definition file (for diagnostics).</summary>
    public string JsonPath { get; }
    public ActivityNode? Parent { get; }
    public IActivity Behavior { get; }
    public ActivityDescriptor Descriptor => Behavior.Descriptor;

    /// <summary>Children embedded in this activity's JSON, keyed by slot property (<c>then</c>, <c>activities</c>…).</summary>
    public Dictionary<string, List<ActivityNode>> Slots { get; } = new(StringComparer.Ordinal);

    public IEnumerable<ActivityNode> Children => Slots.Values.SelectMany(v => v);

    public ActivityNode? Slot(string name) => Slots.TryGetValue(name, out var list) ? list.FirstOrDefault() : null;

    public IReadOnlyList<ActivityNode> SlotList(string name) => Slots.TryGetValue(name, out var list) ? list : [];

    /// <summary>Behaviour-specific data computed once by <see cref="IActivity.Prepare"/> (e.g. a flowchart's graph).</summary>
    public object? Prepared { get; set; }

    public JsonObject? CustomProperties => Json.GetObject("customProperties");

    /// <summary>"Start of workflow" / "Trigger workflow" (also read from the legacy top-level property).</summary>
    public bool CanStartWorkflow => CustomProperties?.GetBool("canStartWorkflow") ?? Json.GetBool("canStartWorkflow") ?? false;

    public string? CustomProperty(string name) => CustomProperties?.GetString(name);

    public override string ToString() => $"{Type}:{Id}";
}
