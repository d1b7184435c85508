using GreenTierWorkflows.Runtime.Activities;

namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>
/// One loaded (compiled) workflow version: the activity tree with behaviours resolved, ready to run.
/// Immutable after loading, so it is cached per version id and shared by every run.
/// </summary>
public sealed class WorkflowGraph
{
    internal WorkflowGraph(WorkflowDefinitionDocument definition, ActivityNode root, IReadOnlyDictionary<string, ActivityNode> nodes,
        IReadOnlyList<VariableDeclaration> variables, IReadOnlyList<Diagnostic> diagnostics)
    {
        Definition = definition;
        Root = root;
        NodesByNodeId = nodes;
        Variables = variables;
        Diagnostics = diagnostics;
        NodesById = nodes.Values.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First());
    }

    public WorkflowDefinitionDocument Definition { get; }
    public string DefinitionId => Definition.DefinitionId ?? Definition.Id ?? "";
    public string VersionId => Definition.Id ?? DefinitionId;
    public int Version => Definition.Version;
    public ActivityNode Root { get; }
    public IReadOnlyDictionary<string, ActivityNode> NodesByNodeId { get; }
    public IReadOnlyDictionary<string, ActivityNode> NodesById { get; }
    /// <summary>Workflow variables plus those declared on containers.</summary>
    public IReadOnlyList<VariableDeclaration> Variables { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<ActivityNode> AllNodes => NodesByNodeId.Values;

    public ActivityNode? FindNode(string nodeIdOrId) =>
        NodesByNodeId.TryGetValue(nodeIdOrId, out var n) ? n : NodesById.GetValueOrDefault(nodeIdOrId);
}

/// <summary>Collects diagnostics and shared facts while a definition is loaded.</summary>
public sealed class WorkflowCompilation(ActivityRegistry registry)
{
    public ActivityRegistry Registry { get; } = registry;
    public List<Diagnostic> Diagnostics { get; } = [];
    /// <summary>Finds workflows used as activities (null: none can be found).</summary>
    public IWorkflowDefinitionResolver? Resolver { get; init; }
    /// <summary>Definition ids being loaded, outermost first (a workflow may not contain itself).</summary>
    internal Stack<string> Composing { get; } = new();
    public void Error(string path, string message) => Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, path, message));
    public void Warning(string path, string message) => Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, path, message));
}
