using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Web.Components.Shared;

/// <summary>
/// The Chinese names designers give their workflows (「绿色工厂申报」), for pages that would otherwise show the
/// definition id; looked up once per circuit.
/// </summary>
public sealed class WorkflowNames(IWorkflowStore workflows)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>「绿色工厂申报 v1」: the latest version's name (the id when it has none) and the version given.</summary>
    public async Task<string> LabelAsync(string definitionId, int? version)
    {
        if (!_names.TryGetValue(definitionId, out var name))
        {
            var definition = await workflows.FindDefinitionAsync(definitionId, VersionOptions.Latest);
            _names[definitionId] = name = string.IsNullOrWhiteSpace(definition?.Name) ? definitionId : definition.Name;
        }
        return version is { } v ? $"{name} v{v}" : name;
    }
}
