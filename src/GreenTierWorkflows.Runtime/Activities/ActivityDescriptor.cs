using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Activities;

/// <summary>Elsa's activity kinds; Studio labels the Common tab and the "run asynchronously" toggle from it.</summary>
public enum ActivityKind { Action, Trigger, Job, Task }

/// <summary>How an embedded child activity is held in the activity JSON.</summary>
public enum ChildSlotKind { Single, Many, CaseList }

/// <summary>A JSON property of a container activity that holds child activities (e.g. <c>then</c>, <c>activities</c>).</summary>
public sealed record ChildSlot(string PropertyName, ChildSlotKind Kind = ChildSlotKind.Single, string? CaseActivityProperty = null);

/// <summary>An outcome or embedded port, as Studio draws it.</summary>
public sealed record PortDescriptor(string Name, string DisplayName, string Type = "Flow", bool IsBrowsable = true);

/// <summary>An activity input: its name (PascalCase), type alias, UI hint and default.</summary>
public sealed record InputDescriptor(string Name, string TypeName)
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string UIHint { get; init; } = "singleline";
    public JsonNode? DefaultValue { get; init; }
    public string DefaultSyntax { get; init; } = "Literal";
    public bool IsWrapped { get; init; } = true;
    public bool IsBrowsable { get; init; } = true;
    public string? Category { get; init; }
    public int Order { get; init; }
    /// <summary>Editor options keyed by UI hint, e.g. a dropdown's items.</summary>
    public JsonObject? UISpecifications { get; init; }

    /// <summary>The key of this input in activity JSON.</summary>
    public string JsonName => Definitions.JsonNodes.CamelCase(Name);

    /// <summary>A dropdown input whose items are the given values, each shown as itself.</summary>
    public static InputDescriptor Dropdown(string name, string typeName, IEnumerable<string> values, string? defaultValue) =>
        Dropdown(name, typeName, values.Select(v => (v, v)), defaultValue);

    /// <summary>
    /// A dropdown input whose items show a text and store a value (Elsa's SelectListItem), e.g. 「现场核查人员」 for the
    /// role code <c>Verifier</c>: Studio shows the text, the workflow JSON keeps the value.
    /// </summary>
    public static InputDescriptor Dropdown(string name, string typeName, IEnumerable<(string Text, string Value)> items, string? defaultValue) =>
        new(name, typeName)
        {
            UIHint = "dropdown",
            DefaultValue = defaultValue,
            UISpecifications = new JsonObject
            {
                ["dropdown"] = new JsonObject
                {
                    ["selectList"] = new JsonObject
                    {
                        ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["text"] = i.Text, ["value"] = i.Value }).ToArray()),
                        ["isFlagsEnum"] = false,
                    },
                },
            },
        };
}

/// <summary>An activity output that a designer may bind to a variable.</summary>
public sealed record OutputDescriptor(string Name, string TypeName)
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public string JsonName => Definitions.JsonNodes.CamelCase(Name);
}

/// <summary>
/// What Studio and the runtime know about one activity type: Elsa's descriptor fields plus the child slots the
/// runtime needs to walk containers. Registered from outside the runtime for custom (domain) activities.
/// </summary>
public sealed record ActivityDescriptor(string TypeName, string Category, string DisplayName)
{
    public int Version { get; init; } = 1;
    public string? Description { get; init; }
    public ActivityKind Kind { get; init; } = ActivityKind.Action;
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];
    /// <summary>Flow outcomes drawn as connectors. Empty means Studio's default <c>Done</c> (unless terminal).</summary>
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];
    public IReadOnlyList<ChildSlot> ChildSlots { get; init; } = [];
    public bool IsContainer { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
    public bool RunAsynchronously { get; init; }
    public JsonObject? CustomProperties { get; init; }
    public JsonObject? ConstructionProperties { get; init; }

    public string Namespace => TypeName.Contains('.') ? TypeName[..TypeName.LastIndexOf('.')] : "";
    public string Name => TypeName.Contains('.') ? TypeName[(TypeName.LastIndexOf('.') + 1)..] : TypeName;

    public InputDescriptor? FindInput(string name) =>
        Inputs.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<PortDescriptor> FlowPorts(params string[] names) =>
        names.Select(n => new PortDescriptor(n, n)).ToList();
}
