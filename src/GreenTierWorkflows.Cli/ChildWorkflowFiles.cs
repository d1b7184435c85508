using GreenTierWorkflows.Runtime.Definitions;

namespace GreenTierWorkflows.Cli;

/// <summary>
/// Where <c>gtw</c> finds the workflows a file uses — as activities (<c>workflowDefinitionId</c> on a node) or through
/// <c>Elsa.ExecuteWorkflow</c> / <c>Elsa.DispatchWorkflow</c> with a literal definition id: in the <c>--db</c> store first,
/// else among the other <c>*.json</c> files in the same folder.
/// </summary>
public static class ChildWorkflowFiles
{
    /// <summary>The definitions in the folder of <paramref name="file"/> (other than it), skipping files that are not definitions.</summary>
    public static IReadOnlyList<WorkflowDefinitionDocument> Beside(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var documents = new List<WorkflowDefinitionDocument>();
        foreach (var other in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFullPath(other) == Path.GetFullPath(file)) continue;
            try
            {
                var document = WorkflowDefinitionDocument.Parse(File.ReadAllText(other));
                if (document.Root is not null && (document.DefinitionId ?? document.Id) is not null) documents.Add(document);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
            {
                // Not a definition (e.g. expectations.json): nothing to look up there.
            }
        }
        return documents;
    }

    /// <summary>
    /// Publishes into the runtime's store, before <paramref name="document"/> itself, every workflow it needs that the store
    /// does not have, taken from the files beside <paramref name="file"/> (and what those need in turn).
    /// </summary>
    public static async Task PublishMissingAsync(CliRuntime runtime, string file, WorkflowDefinitionDocument document)
    {
        var beside = Beside(file);
        var seen = new HashSet<string>(StringComparer.Ordinal) { document.DefinitionId ?? document.Id ?? "" };
        var order = new List<WorkflowDefinitionDocument>();
        void Visit(WorkflowDefinitionDocument current)
        {
            var referenced = WorkflowReference.Collect(current.Root).Select(r => (r.DefinitionId, Reference: (WorkflowReference?)r))
                .Concat(WorkflowReference.StartedBy(current.Root).Select(id => (DefinitionId: id, Reference: (WorkflowReference?)null)));
            foreach (var (definitionId, reference) in referenced)
            {
                if (!seen.Add(definitionId)) continue;
                var child = reference is not null
                    ? new DocumentSetResolver(beside).Resolve(reference)
                    : beside.Where(d => (d.DefinitionId ?? d.Id) == definitionId).MaxBy(d => d.Version);
                if (child is null) continue;
                Visit(child);
                order.Add(child);
            }
        }
        Visit(document);
        foreach (var child in order)
        {
            var childId = child.DefinitionId ?? child.Id!;
            if (await runtime.Store.FindDefinitionAsync(childId, Runtime.Persistence.VersionOptions.Published) is not null) continue;
            await runtime.PublishAsync(child);
        }
    }

    /// <summary>A resolver for <c>gtw validate</c>: the store when there is one, else the files beside.</summary>
    public static async Task<IWorkflowDefinitionResolver> ResolverAsync(CliRuntime? runtime, string file, WorkflowDefinitionDocument document)
    {
        var files = new DocumentSetResolver(Beside(file));
        if (runtime is null) return files;
        return new FirstFound(await runtime.Runtime.ResolverForAsync(document), files);
    }

    private sealed class FirstFound(IWorkflowDefinitionResolver first, IWorkflowDefinitionResolver second) : IWorkflowDefinitionResolver
    {
        public WorkflowDefinitionDocument? Resolve(WorkflowReference reference) => first.Resolve(reference) ?? second.Resolve(reference);
    }
}
