using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>
/// An Elsa 3 workflow definition as JSON. The JSON object is the source of truth, so every property the runtime
/// does not know (designer positions, custom properties, future fields) survives a read/write round trip.
/// </summary>
public sealed class WorkflowDefinitionDocument
{
    public const string SchemaUrl = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    public WorkflowDefinitionDocument(JsonObject json) => Json = json;

    /// <summary>The full definition JSON.</summary>
    public JsonObject Json { get; }

    public string? Id { get => Json.GetString("id"); set => Json["id"] = value; }
    public string? DefinitionId { get => Json.GetString("definitionId"); set => Json["definitionId"] = value; }
    public string? Name { get => Json.GetString("name"); set => Json["name"] = value; }
    public string? Description { get => Json.GetString("description"); set => Json["description"] = value; }
    public int Version { get => Json.GetInt("version") ?? 1; set => Json["version"] = value; }
    public bool IsLatest { get => Json.GetBool("isLatest") ?? false; set => Json["isLatest"] = value; }
    public bool IsPublished { get => Json.GetBool("isPublished") ?? false; set => Json["isPublished"] = value; }
    public bool IsReadonly => Json.GetBool("isReadonly") ?? false;
    public bool IsSystem => Json.GetBool("isSystem") ?? false;
    public string? ToolVersion => Json.GetString("toolVersion");

    public DateTimeOffset CreatedAt
    {
        get => DateTimeOffset.TryParse(Json.GetString("createdAt"), out var d) ? d : DateTimeOffset.MinValue;
        set => Json["createdAt"] = value.ToString("O");
    }

    /// <summary>The root activity (normally <c>Elsa.Flowchart</c>).</summary>
    public JsonObject? Root => Json.GetObject("root");

    /// <summary>Declared inputs (Elsa's <c>inputs</c>): what a caller or a parent workflow passes in.</summary>
    public IReadOnlyList<WorkflowIoDefinition> Inputs =>
        (Json.GetArray("inputs") ?? []).OfType<JsonObject>().Select(WorkflowIoDefinition.FromJson).Where(i => i.Name.Length > 0).ToList();

    /// <summary>Declared outputs (Elsa's <c>outputs</c>), set with <c>Elsa.SetOutput</c>.</summary>
    public IReadOnlyList<WorkflowIoDefinition> Outputs =>
        (Json.GetArray("outputs") ?? []).OfType<JsonObject>().Select(WorkflowIoDefinition.FromJson).Where(o => o.Name.Length > 0).ToList();

    /// <summary>Declared outcomes (Elsa's <c>outcomes</c>): the ports of the workflow used as an activity, chosen by <c>Elsa.Complete</c>.</summary>
    public IReadOnlyList<string> Outcomes =>
        (Json.GetArray("outcomes") ?? []).Select(o => o is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Where(s => s.Length > 0).ToList();

    /// <summary>Elsa's <c>options</c> object (<c>usableAsActivity</c>, <c>autoUpdateConsumingWorkflows</c>, <c>activityCategory</c>…).</summary>
    public JsonObject? Options => Json.GetObject("options");

    /// <summary>Published versions of this definition appear in Studio's palette and run as an activity inside other workflows.</summary>
    public bool UsableAsActivity => Options?.GetBool("usableAsActivity") ?? false;

    /// <summary>Publishing this definition moves the workflows that use it as an activity to the new version.</summary>
    public bool AutoUpdateConsumingWorkflows => Options?.GetBool("autoUpdateConsumingWorkflows") ?? false;

    /// <summary>Workflow-level variable declarations.</summary>
    public IReadOnlyList<VariableDeclaration> Variables =>
        (Json.GetArray("variables") ?? []).OfType<JsonObject>().Select(VariableDeclaration.FromJson).ToList();

    /// <summary>Parses definition text (BOM and comments tolerated).</summary>
    public static WorkflowDefinitionDocument Parse(string json) =>
        new(JsonNodes.Parse(json) as JsonObject ?? throw new FormatException("工作流定义必须是一个 JSON 对象。"));

    /// <summary>A deep copy that can be changed without touching this one.</summary>
    public WorkflowDefinitionDocument Clone() => new((JsonObject)Json.DeepClone());

    /// <summary>Writes the definition exactly as stored (unknown properties kept).</summary>
    public string ToJson(bool indented = false) => Json.ToJsonString(indented ? JsonNodes.Indented : JsonNodes.Options);

    /// <summary>The export shape: <c>$schema</c> first, then the definition without API-only links.</summary>
    public JsonObject ToExport()
    {
        var export = new JsonObject { ["$schema"] = SchemaUrl };
        foreach (var (key, value) in Json)
            if (key is not "$schema" and not "links") export[key] = value?.DeepClone();
        return export;
    }
}

/// <summary>A variable declared on a workflow or a container (<c>{id, name, typeName, isArray, value, storageDriverTypeName}</c>).</summary>
public sealed record VariableDeclaration(string Id, string Name, string TypeName, bool IsArray, JsonNode? Value)
{
    public static VariableDeclaration FromJson(JsonObject json)
    {
        var name = json.GetString("name") ?? json.GetString("id") ?? "";
        return new VariableDeclaration(json.GetString("id") ?? name, name, json.GetString("typeName") ?? "Object",
            json.GetBool("isArray") ?? false, json["value"]?.DeepClone());
    }
}

/// <summary>
/// A declared workflow input or output (<c>{type, name, displayName, description, category, uiHint, isArray}</c>).
/// </summary>
public sealed record WorkflowIoDefinition(string Name, string TypeName, bool IsArray)
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public string? UIHint { get; init; }

    public static WorkflowIoDefinition FromJson(JsonObject json) => new(json.GetString("name") ?? "", json.GetString("type") ?? json.GetString("typeName") ?? "Object",
        json.GetBool("isArray") ?? false)
    {
        DisplayName = json.GetString("displayName"),
        Description = json.GetString("description"),
        Category = json.GetString("category"),
        UIHint = json.GetString("uiHint"),
    };
}
