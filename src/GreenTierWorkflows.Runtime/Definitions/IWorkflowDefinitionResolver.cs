namespace GreenTierWorkflows.Runtime.Definitions;

/// <summary>
/// Finds the definition a <see cref="WorkflowReference"/> names, in Elsa's order: the pinned version id, else the
/// version number, else the published version, else the latest. Null when there is none.
/// </summary>
public interface IWorkflowDefinitionResolver
{
    WorkflowDefinitionDocument? Resolve(WorkflowReference reference);
}
