using System.Security.Claims;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>
/// The definition shapes Studio reads: WorkflowDefinition (stored JSON + flags + links), WorkflowDefinitionSummary and
/// the paged list. Legacy flat connections are turned into the nested form Studio can parse, and list text in
/// dynamic-outcomes inputs into the JSON list Studio reads (<see cref="DynamicOutcomeInputs"/>).
/// </summary>
internal static class DefinitionJson
{
    /// <summary>A stored version as Elsa's WorkflowDefinition, with links according to the caller's role.</summary>
    public static JsonObject Definition(WorkflowDefinitionRecord record, ClaimsPrincipal user, ActivityRegistry registry)
    {
        var json = JsonNodes.Parse(record.Json) as JsonObject ?? new JsonObject();
        json.Remove("$schema");
        json["id"] = record.Id;
        json["definitionId"] = record.DefinitionId;
        json["version"] = record.Version;
        json["isLatest"] = record.IsLatest;
        json["isPublished"] = record.IsPublished;
        json["createdAt"] = record.CreatedAt.ToString("O");
        Default(json, "name", () => JsonValue.Create(record.Name ?? record.DefinitionId));
        Default(json, "description", () => null);
        Default(json, "toolVersion", () => JsonValue.Create("3.8.0.0"));
        Default(json, "isReadonly", () => JsonValue.Create(false));
        Default(json, "isSystem", () => JsonValue.Create(false));
        Default(json, "variables", () => new JsonArray());
        Default(json, "inputs", () => new JsonArray());
        Default(json, "outputs", () => new JsonArray());
        Default(json, "outcomes", () => new JsonArray());
        Default(json, "customProperties", () => new JsonObject());
        Default(json, "options", () => new JsonObject
        {
            ["activationStrategyType"] = null, ["usableAsActivity"] = null, ["autoUpdateConsumingWorkflows"] = false,
            ["activityCategory"] = null, ["incidentStrategyType"] = null, ["commitStrategyName"] = null,
        });
        json["materializerName"] = "Json";
        Normalize(json["root"]);
        DynamicOutcomeInputs.Upgrade(json["root"], registry);
        json["links"] = Links(record.DefinitionId, CanEdit(user, record.IsReadonly));
        return json;
    }

    /// <summary>The export file: <c>$schema</c> first, no links, nested connections.</summary>
    public static JsonObject Export(WorkflowDefinitionRecord record, ActivityRegistry registry)
    {
        var document = WorkflowDefinitionDocument.Parse(record.Json);
        var export = document.ToExport();
        export["id"] = record.Id;
        export["definitionId"] = record.DefinitionId;
        export["version"] = record.Version;
        export["isLatest"] = record.IsLatest;
        export["isPublished"] = record.IsPublished;
        Normalize(export["root"]);
        DynamicOutcomeInputs.Upgrade(export["root"], registry);
        return export;
    }

    public static JsonObject Summary(WorkflowDefinitionSummary s, ClaimsPrincipal user) => new()
    {
        ["id"] = s.Id,
        ["definitionId"] = s.DefinitionId,
        ["name"] = s.Name,
        ["description"] = s.Description,
        ["version"] = s.Version,
        ["toolVersion"] = s.ToolVersion,
        ["isLatest"] = s.IsLatest,
        ["isPublished"] = s.IsPublished,
        ["providerName"] = null,
        ["materializerName"] = "Json",
        ["isMaterializerAvailable"] = true,
        ["createdAt"] = s.CreatedAt.ToString("O"),
        ["isReadonly"] = s.IsReadonly,
        ["isSystem"] = s.IsSystem,
        ["links"] = Links(s.DefinitionId, CanEdit(user, s.IsReadonly)),
    };

    public static bool CanEdit(ClaimsPrincipal user, bool isReadonly) => !isReadonly && ElsaApiSupport.IsDesigner(user);

    /// <summary>
    /// Elsa's definition links. Studio treats a definition as read-only without <c>rel: publish</c>, so the edit
    /// links are only given to designers and only for definitions that are not read-only.
    /// </summary>
    public static JsonArray Links(string definitionId, bool canEdit)
    {
        var id = Uri.EscapeDataString(definitionId);
        var links = new JsonArray { Link($"/workflow-definitions/{id}", "self", "GET") };
        if (!canEdit) return links;
        links.Add(Link($"/workflow-definitions/{id}/publish", "publish", "POST"));
        links.Add(Link($"/workflow-definitions/{id}/retract", "retract", "POST"));
        links.Add(Link($"/workflow-definitions/{id}", "delete", "DELETE"));
        return links;
    }

    /// <summary>Links of the paged list; bulk actions (rel <c>bulk-publish</c>…) only for designers.</summary>
    public static JsonArray ListLinks(bool canEdit)
    {
        var links = new JsonArray
        {
            Link("/workflow-definitions", "self", "GET"),
            Link("/workflow-definitions/validation/is-name-unique", "is-name-unique", "GET"),
            Link("/workflow-definitions/query/count", "count", "GET"),
            Link("/workflow-definitions/many-by-id", "many-by-id", "GET"),
        };
        if (!canEdit) return links;
        links.Add(Link("/bulk-actions/delete/workflow-definitions/by-definition-id", "bulk-delete-by-definition-id", "POST"));
        links.Add(Link("/bulk-actions/delete/workflow-definitions/by-id", "bulk-delete-by-id", "POST"));
        links.Add(Link("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"));
        links.Add(Link("/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk-retract", "POST"));
        links.Add(Link("/workflow-definitions/import", "import", "POST"));
        links.Add(Link("/workflow-definitions/import-files", "import-files", "POST"));
        links.Add(Link("/workflow-definitions", "create", "POST"));
        return links;
    }

    private static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };

    private static void Default(JsonObject json, string key, Func<JsonNode?> value)
    {
        if (!json.ContainsKey(key)) json[key] = value();
    }

    /// <summary>
    /// Walks an activity tree: legacy connections (<c>{source, target, sourcePort, targetPort}</c>, PascalCase
    /// <c>Activity</c>/<c>Port</c>, a <c>$values</c> wrapper) become <c>{source:{activity,port}, target:{activity,port}, vertices}</c>,
    /// and activities without a <c>version</c> get version 1 (Studio looks descriptors up by type and version).
    /// </summary>
    public static void Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue && obj["id"] is JsonValue && !obj.ContainsKey("version") && !obj.ContainsKey("typeName"))
                    obj["version"] = 1;
                if (obj["connections"] is JsonObject wrapper && wrapper["$values"] is JsonArray values)
                    obj["connections"] = values.DeepClone();
                if (obj["connections"] is JsonArray connections)
                    for (var i = 0; i < connections.Count; i++)
                        if (connections[i] is JsonObject c && Connection(c) is { } nested) connections[i] = nested;
                foreach (var child in obj.Select(p => p.Value).ToList()) Normalize(child);
                break;
            case JsonArray array:
                foreach (var item in array.ToList()) Normalize(item);
                break;
        }
    }

    /// <summary>The nested form of a legacy connection, or null when it already is nested.</summary>
    private static JsonObject? Connection(JsonObject c)
    {
        var source = c["source"] ?? c["Source"];
        var target = c["target"] ?? c["Target"];
        var legacy = source is JsonValue || target is JsonValue || c.ContainsKey("Source") || c.ContainsKey("Target")
            || (source is JsonObject so && so.ContainsKey("Activity")) || (target is JsonObject to && to.ContainsKey("Activity"));
        if (!legacy) return null;
        return new JsonObject
        {
            ["source"] = End(source, c["sourcePort"] ?? c["SourcePort"], "Done"),
            ["target"] = End(target, c["targetPort"] ?? c["TargetPort"], "In"),
            ["vertices"] = (c["vertices"] ?? c["Vertices"])?.DeepClone() ?? new JsonArray(),
        };
    }

    private static JsonObject End(JsonNode? end, JsonNode? flatPort, string defaultPort)
    {
        if (end is JsonObject obj)
        {
            var activity = (obj["activity"] ?? obj["Activity"])?.DeepClone();
            var port = (obj["port"] ?? obj["Port"])?.DeepClone() ?? JsonValue.Create(defaultPort);
            return new JsonObject { ["activity"] = activity, ["port"] = port };
        }
        var portText = flatPort is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrEmpty(s) ? s : defaultPort;
        return new JsonObject { ["activity"] = end?.DeepClone(), ["port"] = portText };
    }
}
