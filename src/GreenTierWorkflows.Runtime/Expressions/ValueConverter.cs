using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>
/// Converts values between the runtime's value model (null, string, bool, long, double, decimal, DateTimeOffset,
/// TimeSpan, JsonNode) and JSON, and to the target named by an Elsa type alias.
/// </summary>
public static class ValueConverter
{
    /// <summary>Converts a runtime value to JSON for storage.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode n => n.Parent is null ? n : n.DeepClone(),
        JsonElement e => JsonNode.Parse(e.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? JsonValue.Create((long)d) : JsonValue.Create(d),
        float f => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(dt.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan ts => JsonValue.Create(ts.ToString("c", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString()),
        Enum en => JsonValue.Create(en.ToString()),
        IDictionary<string, object?> dict => new JsonObject(dict.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        System.Collections.IEnumerable seq => new JsonArray(seq.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Definitions.JsonNodes.Options),
    };

    /// <summary>Reads a stored JSON value back as a plain runtime value (objects and arrays stay JsonNode).</summary>
    public static object? FromJson(JsonNode? node)
    {
        if (node is not JsonValue v) return node;
        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v),
            JsonValueKind.Null => null,
            _ => v.ToJsonString(),
        };
    }

    private static object Number(JsonValue v)
    {
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return (long)i;
        if (v.TryGetValue<double>(out var d)) return d;
        var text = v.ToJsonString();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out l) ? l : double.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Converts to the type named by an Elsa alias (String, Boolean, Int32, TimeSpan, Object, String[] …).</summary>
    public static object? Convert(object? value, string? typeName)
    {
        var kind = TypeAliasRegistry.Resolve(typeName);
        if (value is null) return null;
        return kind switch
        {
            ValueKind.String => ToText(value),
            ValueKind.Boolean => ToBoolean(value),
            ValueKind.Integer => ToInteger(value),
            ValueKind.Number => ToDouble(value),
            ValueKind.Decimal => (decimal)ToDouble(value),
            ValueKind.TimeSpan => ToTimeSpan(value),
            ValueKind.DateTime => ToDateTime(value),
            ValueKind.List => ToList(value),
            _ => value is JsonValue jv ? FromJson(jv) : value,
        };
    }

    public static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonNode n => n.ToJsonString(Definitions.JsonNodes.Options),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static bool ToBoolean(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => bool.TryParse(s.Trim(), out var p) ? p : throw new FormatException($"无法把 '{s}' 转换为布尔值。"),
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        JsonValue v => ToBoolean(FromJson(v)),
        _ => throw new FormatException($"无法把 {value.GetType().Name} 转换为布尔值。"),
    };

    public static long ToInteger(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        decimal m => (long)m,
        string s => long.Parse(s.Trim(), CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        JsonValue v => ToInteger(FromJson(v)),
        _ => throw new FormatException($"无法把 {value?.GetType().Name ?? "null"} 转换为整数。"),
    };

    public static double ToDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        decimal m => (double)m,
        string s => double.Parse(s.Trim(), CultureInfo.InvariantCulture),
        JsonValue v => ToDouble(FromJson(v)),
        _ => throw new FormatException($"无法把 {value?.GetType().Name ?? "null"} 转换为数字。"),
    };

    public static TimeSpan ToTimeSpan(object? value) => value switch
    {
        TimeSpan t => t,
        string s when TimeSpan.TryParse(s.Trim(), CultureInfo.InvariantCulture, out var t) => t,
        string s => System.Xml.XmlConvert.ToTimeSpan(s.Trim()), // ISO-8601 durations such as P3D
        long ms => TimeSpan.FromMilliseconds(ms),
        double ms => TimeSpan.FromMilliseconds(ms),
        JsonValue v => ToTimeSpan(FromJson(v)),
        _ => throw new FormatException($"无法把 {value?.GetType().Name ?? "null"} 转换为时间间隔。"),
    };

    public static DateTimeOffset ToDateTime(object? value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        string s => DateTimeOffset.Parse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        JsonValue v => ToDateTime(FromJson(v)),
        _ => throw new FormatException($"无法把 {value?.GetType().Name ?? "null"} 转换为日期时间。"),
    };

    /// <summary>A list of runtime values; a JSON array text or a comma-free single value is accepted.</summary>
    public static IReadOnlyList<object?> ToList(object? value) => value switch
    {
        null => [],
        JsonArray a => a.Select(FromJson).ToList(),
        string s when s.TrimStart().StartsWith('[') => ((JsonArray)Definitions.JsonNodes.Parse(s)!).Select(FromJson).ToList(),
        string s => [s],
        IEnumerable<object?> e => e.ToList(),
        System.Collections.IEnumerable e => e.Cast<object?>().ToList(),
        _ => [value],
    };
}
