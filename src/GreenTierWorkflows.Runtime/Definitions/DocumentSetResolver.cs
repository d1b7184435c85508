namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>A resolver over documents already at hand (a folder of files, or definitions read ahead from a store).</summary>
public sealed class DocumentSetResolver(IEnumerable<WorkflowDefinitionDocument> documents) : IWorkflowDefinitionResolver
{
    private readonly List<WorkflowDefinitionDocument> _documents = documents.ToList();

    public WorkflowDefinitionDocument? Resolve(WorkflowReference reference)
    {
        var versions = _documents.Where(d => (d.DefinitionId ?? d.Id) == reference.DefinitionId).ToList();
        return (reference.VersionId is { } id ? versions.FirstOrDefault(d => d.Id == id) : null)
            ?? (reference.VersionId is null && reference.Version is { } n ? versions.FirstOrDefault(d => d.Version == n) : null)
            ?? versions.Where(d => d.IsPublished).MaxBy(d => d.Version)
            ?? versions.MaxBy(d => d.Version);
    }
}
