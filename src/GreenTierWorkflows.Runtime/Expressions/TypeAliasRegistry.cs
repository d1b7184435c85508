namespace GreenTierWorkflows.Runtime.Expressions;

/// <summary>The value shapes the runtime converts to.</summary>
public enum ValueKind { Object, String, Boolean, Integer, Number, Decimal, TimeSpan, DateTime, List }

/// <summary>
/// Maps Elsa type aliases (and the CLR-style names that appear in stored Elsa JSON) to value kinds.
/// Explicit table only: stored names are never handed to <c>Type.GetType</c>.
/// </summary>
public static class TypeAliasRegistry
{
    private static readonly Dictionary<string, ValueKind> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Object"] = ValueKind.Object, ["JSON"] = ValueKind.Object, ["JsonElement"] = ValueKind.Object,
        ["JsonNode"] = ValueKind.Object, ["JsonObject"] = ValueKind.Object, ["ObjectDictionary"] = ValueKind.Object,
        ["StringDictionary"] = ValueKind.Object, ["StringMap"] = ValueKind.Object, ["ObjectMap"] = ValueKind.Object,
        ["ExpandoObject"] = ValueKind.Object,
        ["String"] = ValueKind.String, ["Guid"] = ValueKind.String, ["Char"] = ValueKind.String,
        ["Boolean"] = ValueKind.Boolean, ["Bool"] = ValueKind.Boolean,
        ["Int16"] = ValueKind.Integer, ["Int32"] = ValueKind.Integer, ["Int64"] = ValueKind.Integer, ["Long"] = ValueKind.Integer,
        ["Byte"] = ValueKind.Integer,
        ["Single"] = ValueKind.Number, ["Double"] = ValueKind.Number, ["Float"] = ValueKind.Number,
        ["Decimal"] = ValueKind.Decimal,
        ["TimeSpan"] = ValueKind.TimeSpan,
        ["DateTime"] = ValueKind.DateTime, ["DateTimeOffset"] = ValueKind.DateTime, ["DateOnly"] = ValueKind.DateTime,
        ["JsonArray"] = ValueKind.List,
        // Enums Elsa stores by CLR name; their values are strings.
        ["Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core"] = ValueKind.String,
        ["Elsa.Workflows.Core.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core"] = ValueKind.String,
        ["Elsa.Workflows.Activities.JoinMode, Elsa.Workflows.Core"] = ValueKind.String,
        ["Elsa.Workflows.Core.Activities.JoinMode, Elsa.Workflows.Core"] = ValueKind.String,
        ["Elsa.Workflows.Activities.SwitchMode, Elsa.Workflows.Core"] = ValueKind.String,
        ["Elsa.Workflows.Activities.Flowchart.Models.SwitchMode, Elsa.Workflows.Core"] = ValueKind.String,
    };

    /// <summary>Registers an alias (e.g. a domain enum) without touching CLR type resolution.</summary>
    public static void Register(string alias, ValueKind kind)
    {
        lock (Aliases) Aliases[alias] = kind;
    }

    public static bool IsKnown(string? typeName) => typeName is null || TryResolve(typeName, out _);

    public static ValueKind Resolve(string? typeName) => typeName is null ? ValueKind.Object : TryResolve(typeName, out var k) ? k : ValueKind.Object;

    private static bool TryResolve(string typeName, out ValueKind kind)
    {
        lock (Aliases)
        {
            if (Aliases.TryGetValue(typeName, out kind)) return true;
        }
        // Collections: "String[]", "List<String>", "IEnumerable<Object>".
        if (typeName.EndsWith("[]", StringComparison.Ordinal) || typeName.StartsWith("List<", StringComparison.Ordinal)
            || typeName.StartsWith("IEnumerable<", StringComparison.Ordinal) || typeName.StartsWith("ICollection<", StringComparison.Ordinal))
        {
            kind = ValueKind.List;
            return true;
        }
        kind = ValueKind.Object;
        return false;
    }
}
