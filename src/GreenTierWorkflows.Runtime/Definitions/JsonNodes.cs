using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>Small helpers for reading loosely typed Elsa JSON without throwing on odd shapes.</summary>
public static class JsonNodes
{
    /// <summary>Options used for every definition and state document: camelCase, no escaping of CJK text.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Indented variant for files designers read.</summary>
    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static string? GetString(this JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is null) return null;
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
    }

    public static int? GetInt(this JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is not JsonValue v) return null;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<long>(out var l)) return (int)l;
        if (v.TryGetValue<double>(out var d)) return (int)d;
        return v.TryGetValue<string>(out var s) && int.TryParse(s, out var p) ? p : null;
    }

    public static bool? GetBool(this JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is not JsonValue v) return null;
        if (v.TryGetValue<bool>(out var b)) return b;
        return v.TryGetValue<string>(out var s) && bool.TryParse(s, out var p) ? p : null;
    }

    public static JsonObject? GetObject(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) ? node as JsonObject : null;

    /// <summary>Reads an array, also accepting Newtonsoft's <c>{"$values":[...]}</c> wrapper.</summary>
    public static JsonArray? GetArray(this JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node)) return null;
        return node switch
        {
            JsonArray a => a,
            JsonObject o when o.TryGetPropertyValue("$values", out var values) => values as JsonArray,
            _ => null,
        };
    }

    /// <summary>Case-insensitive property lookup (older files use PascalCase).</summary>
    public static JsonNode? GetAny(this JsonObject obj, string name)
    {
        if (obj.TryGetPropertyValue(name, out var node)) return node;
        foreach (var (key, value) in obj)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Parses JSON text, tolerating a UTF-8 byte-order mark and comments.</summary>
    public static JsonNode? Parse(string text) =>
        JsonNode.Parse(text.TrimStart('\uFEFF'), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
}
