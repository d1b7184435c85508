using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Activities.Flowchart;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>
/// Keeps a descriptor for every activity type and version that stored definitions use, even when the registry no
/// longer has it: Studio draws nothing for an undescribed type (a blank canvas that auto-save could then overwrite).
/// A missing version of a known type is described like the known one; an unknown type gets a placeholder in the
/// category "未注册" whose ports are the outcomes its stored connections use, so every node and edge still draws.
/// </summary>
internal static class StoredTypeDescriptors
{
    /// <param name="alsoDescribed">Descriptors listed besides the registry's (workflows usable as activities).</param>
    public static async Task<IReadOnlyList<ActivityDescriptor>> MissingAsync(IWorkflowStore store, ActivityRegistry registry, CancellationToken ct,
        IEnumerable<ActivityDescriptor>? alsoDescribed = null)
    {
        var described = registry.Descriptors().Concat(alsoDescribed ?? []).Select(d => (d.TypeName, d.Version)).ToHashSet();
        var used = new Dictionary<(string Type, int Version), HashSet<string>>();
        foreach (var record in await store.FindDefinitionsAsync(new WorkflowDefinitionFilter { VersionOptions = VersionOptions.LatestOrPublished }, ct))
        {
            if (JsonNodes.Parse(record.Json) is JsonObject json && json["root"] is JsonObject root) Collect(root, used);
        }
        var missing = new List<ActivityDescriptor>();
        foreach (var ((type, version), ports) in used)
        {
            if (described.Contains((type, version))) continue;
            var known = registry.Find(type);
            missing.Add(known is not null
                ? known.Descriptor with { Version = version, IsBrowsable = false }
                : new ActivityDescriptor(type, "未注册", type[(type.LastIndexOf('.') + 1)..])
                {
                    Version = version,
                    Description = $"活动类型 '{type}' 未在本系统注册；定义照原样保存，运行时会报错。",
                    IsBrowsable = false,
                    Ports = ports.Order(StringComparer.Ordinal).Select(p => new PortDescriptor(p, p)).ToList(),
                });
        }
        return missing;
    }

    /// <summary>Every object with an <c>id</c> and a <c>type</c> is an activity; connections give their ports.</summary>
    private static void Collect(JsonObject node, Dictionary<(string, int), HashSet<string>> used)
    {
        var byId = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        Walk(node, used, byId);
        void Ports(JsonObject container)
        {
            foreach (var c in (container.GetArray("connections") ?? []).OfType<JsonObject>())
            {
                var (source, port, _, _) = FlowConnection.ReadEndpoints(c);
                if (source is not null && byId.TryGetValue(source, out var key)) used[key].Add(port);
            }
            foreach (var child in container.Select(kv => kv.Value).SelectMany(Children)) Ports(child);
        }
        Ports(node);
    }

    private static void Walk(JsonObject node, Dictionary<(string, int), HashSet<string>> used, Dictionary<string, (string, int)> byId)
    {
        if (node.GetString("type") is { } type && node.GetString("id") is { } id && node["expression"] is null)
        {
            var key = (type, node.GetInt("version") ?? 1);
            if (!used.ContainsKey(key)) used[key] = [];
            byId[id] = key;
        }
        foreach (var child in node.Select(kv => kv.Value).SelectMany(Children)) Walk(child, used, byId);
    }

    private static IEnumerable<JsonObject> Children(JsonNode? value) => value switch
    {
        JsonObject o => [o],
        JsonArray a => a.OfType<JsonObject>(),
        _ => [],
    };
}
