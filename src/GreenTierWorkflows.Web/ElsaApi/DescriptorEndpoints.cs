using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>The descriptor endpoints Studio loads when the editor opens (all read-only, every signed-in user).</summary>
internal static class DescriptorEndpoints
{
    public static RouteGroupBuilder MapDescriptors(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/descriptors");
        group.MapGet("/activities", async (ActivityRegistry registry, GreenTierWorkflows.Runtime.Persistence.IWorkflowStore store, CancellationToken ct) =>
        {
            var workflows = await GreenTierWorkflows.Runtime.Activities.Composition.WorkflowDefinitionActivityDescriptors.ListAsync(store, ct);
            return Results.Ok(List(registry.Descriptors().Concat(workflows).Concat(await StoredTypeDescriptors.MissingAsync(store, registry, ct, workflows)).Select(Activity)));
        });
        group.MapPost("/activities/{activityTypeName}/options/{propertyName}", (string activityTypeName, string propertyName) =>
            Results.Ok(new JsonObject { ["items"] = new JsonObject() }));
        group.MapGet("/expression-descriptors", (ExpressionEngine engine) => Results.Ok(List(ExpressionDescriptors(engine))));
        group.MapGet("/variables", () => Results.Ok(List(VariableTypes())));
        group.MapGet("/storage-drivers", () => Results.Ok(List(
        [
            Driver("Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core", "Workflow Instance", 5, false),
            Driver("Elsa.Workflows.MemoryStorageDriver, Elsa.Workflows.Core", "Memory", 0, false),
            Driver("Elsa.Workflows.WorkflowStorageDriver, Elsa.Workflows.Core", "Workflow", -1, true),
        ])));
        group.MapGet("/workflow-activation-strategies", () => Results.Ok(List([])));
        group.MapGet("/log-persistence-strategies", () => Results.Ok(List(
        [
            Strategy("Inherit", "继承", "沿用上级（活动、容器、工作流、服务器）的设置。"),
            Strategy("Include", "记录", "把输入写入执行日志。"),
            Strategy("Exclude", "不记录", "不把输入写入执行日志。"),
        ])));
        group.MapGet("/incident-strategies", () => Results.Ok(List([])));
        group.MapGet("/commit-strategies/workflows", () => Results.Ok(List([])));
        group.MapGet("/commit-strategies/activities", () => Results.Ok(List([])));
        group.MapGet("/output-converters", () => Results.Ok(List([])));
        api.MapGet("/features/installed", () => Results.Ok(List([])));
        return api;
    }

    /// <summary>Elsa's list envelope <c>{items, count}</c>.</summary>
    public static JsonObject List(IEnumerable<JsonNode> items)
    {
        var array = new JsonArray(items.ToArray());
        return new JsonObject { ["items"] = array, ["count"] = array.Count };
    }

    /// <summary>An ActivityDescriptor in Elsa's JSON shape (§2.4).</summary>
    public static JsonNode Activity(ActivityDescriptor d) => new JsonObject
    {
        ["typeName"] = d.TypeName,
        ["namespace"] = d.Namespace,
        ["name"] = d.Name,
        ["version"] = d.Version,
        ["category"] = d.Category,
        ["displayName"] = d.DisplayName,
        ["description"] = d.Description,
        ["kind"] = d.Kind.ToString(),
        ["runAsynchronously"] = d.RunAsynchronously,
        ["isContainer"] = d.IsContainer,
        ["isBrowsable"] = d.IsBrowsable,
        ["isStart"] = d.IsStart,
        ["isTerminal"] = d.IsTerminal,
        ["ports"] = new JsonArray(d.Ports.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name, ["displayName"] = p.DisplayName, ["type"] = p.Type, ["isBrowsable"] = p.IsBrowsable,
        }).ToArray()),
        ["inputs"] = new JsonArray(d.Inputs.Select((input, i) => (JsonNode)Input(input, i)).ToArray()),
        ["outputs"] = new JsonArray(d.Outputs.Select((output, i) => (JsonNode)new JsonObject
        {
            ["name"] = output.Name, ["typeName"] = output.TypeName, ["displayName"] = output.DisplayName ?? output.Name,
            ["description"] = output.Description, ["order"] = i, ["isBrowsable"] = output.IsBrowsable,
            ["isSerializable"] = true, ["isSynthetic"] = false,
        }).ToArray()),
        ["customProperties"] = d.CustomProperties?.DeepClone() ?? new JsonObject(),
        ["constructionProperties"] = d.ConstructionProperties?.DeepClone() ?? new JsonObject(),
    };

    private static JsonObject Input(InputDescriptor input, int index) => new()
    {
        ["name"] = input.Name,
        ["typeName"] = input.TypeName,
        ["displayName"] = input.DisplayName ?? input.Name,
        ["description"] = input.Description,
        ["order"] = input.Order != 0 ? input.Order : index,
        // Studio shows an input only when isBrowsable is literally true.
        ["isBrowsable"] = input.IsBrowsable,
        ["isSerializable"] = true,
        ["isSynthetic"] = false,
        ["isWrapped"] = input.IsWrapped,
        ["uiHint"] = input.UIHint,
        ["category"] = input.Category,
        ["defaultValue"] = input.DefaultValue?.DeepClone(),
        ["defaultSyntax"] = input.DefaultSyntax,
        ["isReadOnly"] = false,
        ["isSensitive"] = false,
        ["storageDriverType"] = null,
        ["autoEvaluate"] = true,
        ["uiSpecifications"] = input.UISpecifications?.DeepClone(),
    };

    /// <summary>One entry per evaluator of the runtime (never empty: Studio's expression editor calls <c>First()</c>).</summary>
    public static IEnumerable<JsonNode> ExpressionDescriptors(ExpressionEngine engine)
    {
        var evaluators = engine.Evaluators.OrderBy(e => e.Type, StringComparer.Ordinal).ToList();
        IEnumerable<(string Type, string DisplayName, string? Monaco, bool Browsable)> rows = evaluators.Count > 0
            ? evaluators.Select(e => (e.Type, e.DisplayName, e.MonacoLanguage, e.IsBrowsable))
            : [("Literal", "Literal", null, false)];
        foreach (var (type, displayName, monaco, browsable) in rows)
        {
            var properties = new JsonObject();
            if (monaco is not null) properties["MonacoLanguage"] = monaco;
            yield return new JsonObject
            {
                ["type"] = type, ["displayName"] = displayName, ["isSerializable"] = true, ["isBrowsable"] = browsable, ["properties"] = properties,
            };
        }
    }

    /// <summary>Elsa 3.8's variable type aliases.</summary>
    private static IEnumerable<JsonNode> VariableTypes()
    {
        (string Alias, string Category)[] types =
        [
            ("Object", "Primitives"), ("String", "Primitives"), ("Boolean", "Primitives"), ("Int16", "Primitives"), ("Int32", "Primitives"),
            ("Int64", "Primitives"), ("Long", "Primitives"), ("Single", "Primitives"), ("Double", "Primitives"), ("Decimal", "Primitives"),
            ("Guid", "Primitives"), ("DateTime", "Primitives"), ("DateTimeOffset", "Primitives"), ("TimeSpan", "Primitives"),
            ("ByteArray", "Data"), ("Stream", "Data"),
            ("JSON", "Dynamic"), ("JsonElement", "Dynamic"), ("JsonNode", "Dynamic"), ("JsonObject", "Dynamic"), ("JsonArray", "Dynamic"),
            ("StringDictionary", "Dictionaries"), ("ObjectDictionary", "Dictionaries"), ("StringMap", "Dictionaries"), ("ObjectMap", "Dictionaries"),
        ];
        return types.Select(t => (JsonNode)new JsonObject
        {
            ["typeName"] = t.Alias, ["displayName"] = t.Alias, ["category"] = t.Category, ["description"] = null,
        });
    }

    private static JsonNode Driver(string typeName, string displayName, int priority, bool deprecated) => new JsonObject
    {
        ["typeName"] = typeName, ["displayName"] = displayName, ["priority"] = priority, ["deprecated"] = deprecated,
    };

    private static JsonNode Strategy(string typeName, string displayName, string description) => new JsonObject
    {
        ["typeName"] = typeName, ["displayName"] = displayName, ["description"] = description,
    };
}
