using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>
/// Inputs with Elsa's <c>dynamic-outcomes</c> UI hint (FlowFork's <c>Branches</c>, a review task's <c>Outcomes</c>) name
/// the ports Studio draws for that one node: Studio reads the stored value as an <c>Object</c> expression holding a JSON
/// array of strings (<c>["通过","不通过"]</c>) and cannot read anything else. Older definitions kept such a list as
/// comma-separated literal text (<c>通过,不通过</c>); this rewrites those values into the form Studio reads, so stored
/// versions open and draw as they run. The runtime reads both forms.
/// </summary>
public static class DynamicOutcomeInputs
{
    public const string UIHint = "dynamic-outcomes";

    /// <summary>The items of a comma-separated list (ASCII or full-width commas), trimmed, without empties.</summary>
    public static IEnumerable<string> SplitList(string text) =>
        text.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Rewrites every dynamic-outcomes input below <paramref name="node"/> that holds list text; answers how many.</summary>
    public static int Upgrade(JsonNode? node, ActivityRegistry registry)
    {
        var changed = 0;
        switch (node)
        {
            case JsonObject obj:
                if (obj.GetString("type") is { } type && registry.Find(type, obj.GetInt("version") ?? 0) is { } activity)
                    foreach (var input in activity.Descriptor.Inputs.Where(i => i.UIHint == UIHint))
                        if (Upgraded(obj[input.JsonName], input) is { } value)
                        {
                            obj[input.JsonName] = value;
                            changed++;
                        }
                foreach (var child in obj.Select(p => p.Value).ToList()) changed += Upgrade(child, registry);
                break;
            case JsonArray array:
                foreach (var item in array.ToList()) changed += Upgrade(item, registry);
                break;
        }
        return changed;
    }

    /// <summary>The Object-expression form of a stored list text, or null when the value needs no change.</summary>
    private static JsonObject? Upgraded(JsonNode? stored, InputDescriptor input)
    {
        string? text = stored switch
        {
            JsonValue raw when raw.TryGetValue<string>(out var s) => s,
            JsonObject wrapped when wrapped["expression"] is JsonObject expression
                && string.Equals(expression.GetString("type") ?? "Literal", "Literal", StringComparison.OrdinalIgnoreCase)
                && expression["value"] is JsonValue v && v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        if (text is null || text.TrimStart().StartsWith('[')) return null;
        var items = new JsonArray(SplitList(text).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        return new JsonObject
        {
            ["typeName"] = input.TypeName,
            ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = items.ToJsonString(JsonNodes.Options) },
            ["memoryReference"] = stored is JsonObject o ? o["memoryReference"]?.DeepClone() : null,
        };
    }
}
