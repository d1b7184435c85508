using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GreenTierWorkflows.Runtime.Definitions;

namespace GreenTierWorkflows.Runtime.Activities.Composition;

/// <summary>
/// Describes a workflow definition as an activity type, as Elsa's <c>WorkflowDefinitionActivityDescriptorFactory</c> does:
/// type name = the definition's name in PascalCase, one descriptor per version, category from
/// <c>options.activityCategory</c> (default "Workflows"), inputs and outputs from the definition's declarations, a flow
/// port per declared outcome (plus the hidden embedded <c>Root</c>), browsable only when published, and construction
/// properties that Studio copies onto a dropped node (<c>workflowDefinitionId</c>, <c>workflowDefinitionVersionId</c>,
/// <c>version</c>).
/// </summary>
public static partial class WorkflowDefinitionActivityDescriptors
{
    /// <summary>The descriptor of one definition version.</summary>
    public static ActivityDescriptor Create(WorkflowDefinitionDocument definition)
    {
        var typeName = TypeNameOf(definition);
        var definitionId = definition.DefinitionId ?? definition.Id ?? typeName;
        var versionId = definition.Id ?? definitionId;
        var ports = new List<PortDescriptor> { new("Root", "Root", "Embedded", false) };
        ports.AddRange(definition.Outcomes.Select(o => new PortDescriptor(o, o)));
        return new ActivityDescriptor(typeName, definition.Options?.GetString("activityCategory") is { Length: > 0 } category ? category : "Workflows",
            string.IsNullOrWhiteSpace(definition.Name) ? typeName : definition.Name!)
        {
            Version = definition.Version,
            Description = definition.Description,
            Kind = ActivityKind.Action,
            IsBrowsable = definition.IsPublished,
            Inputs = definition.Inputs.Select(i => new InputDescriptor(i.Name, i.TypeName)
            {
                DisplayName = i.DisplayName ?? i.Name, Description = i.Description, Category = i.Category,
                UIHint = string.IsNullOrWhiteSpace(i.UIHint) ? "singleline" : i.UIHint!,
            }).ToList(),
            Outputs = definition.Outputs.Select(o => new OutputDescriptor(o.Name, o.TypeName) { DisplayName = o.DisplayName ?? o.Name, Description = o.Description }).ToList(),
            Ports = ports,
            CustomProperties = new JsonObject
            {
                ["RootType"] = "WorkflowDefinitionActivity", ["WorkflowDefinitionId"] = definitionId, ["WorkflowDefinitionVersionId"] = versionId,
            },
            ConstructionProperties = new JsonObject
            {
                ["WorkflowDefinitionId"] = definitionId, ["WorkflowDefinitionVersionId"] = versionId, ["Version"] = definition.Version,
            },
        };
    }

    /// <summary>Descriptors of every usable-as-activity version among <paramref name="definitions"/> (all versions, as Elsa lists them).</summary>
    public static IReadOnlyList<ActivityDescriptor> CreateAll(IEnumerable<WorkflowDefinitionDocument> definitions) =>
        definitions.Where(d => d.UsableAsActivity && !string.IsNullOrWhiteSpace(d.Name)).Select(Create).ToList();

    /// <summary>
    /// Descriptors of every stored version whose definition is usable as an activity (Elsa's
    /// <c>WorkflowDefinitionActivityProvider</c>: all versions; only published ones are browsable in the palette).
    /// </summary>
    public static async Task<IReadOnlyList<ActivityDescriptor>> ListAsync(Persistence.IWorkflowDefinitionStore store, CancellationToken ct = default)
    {
        var records = await store.FindDefinitionsAsync(new Persistence.WorkflowDefinitionFilter { VersionOptions = Persistence.VersionOptions.AllVersions }, ct);
        // Stored JSON is written compact by the definition service, so most versions are skipped without parsing.
        return CreateAll(records.Where(r => r.Json.Contains("\"usableAsActivity\":true", StringComparison.Ordinal)).Select(r => WorkflowDefinitionDocument.Parse(r.Json)));
    }

    /// <summary>Humanizer's <c>Pascalize</c>, which Elsa uses: the first letter and every letter after a space or underscore upper-cased, those removed.</summary>
    public static string TypeNameOf(WorkflowDefinitionDocument definition) =>
        Pascalize(definition.Name is { Length: > 0 } name ? name : definition.DefinitionId ?? "Workflow");

    public static string Pascalize(string text) => WordStart().Replace(text.Trim(), m => m.Groups[1].Value.ToUpperInvariant());

    [GeneratedRegex("(?:^|_| +)(.)")]
    private static partial Regex WordStart();
}
