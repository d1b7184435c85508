using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Imports <c>workflows/*.json</c> at start-up when a file is newer than what is stored: the definition is missing,
/// the file's version is higher and its flowchart differs from the stored latest one, or the file changed after the stored
/// latest version was saved and differs from it.
/// A definition a designer edited in Studio after the file was written is left alone. Refuses to start on errors.
/// </summary>
public sealed class WorkflowFolderImporter(IWorkflowStore store, WorkflowDefinitionService definitions, IOptions<DataOptions> data, IHostEnvironment env, ILogger<WorkflowFolderImporter> logger)
{
    public string? ResolveDirectory()
    {
        if (data.Value.WorkflowsDirectory is { } configured) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (Directory.Exists(candidate) && (File.Exists(Path.Combine(dir.FullName, "GreenTierWorkflows.sln")) || dir.FullName == env.ContentRootPath))
                return candidate;
        }
        return null;
    }

    public async Task<int> ImportAsync(CancellationToken ct = default)
    {
        var directory = ResolveDirectory();
        if (directory is null || !Directory.Exists(directory))
        {
            logger.LogWarning("No workflows/ directory found; nothing imported.");
            return 0;
        }
        var imported = 0;
        // Workflows usable as activities first: the ones that use them are validated against them.
        var files = new List<(string File, WorkflowDefinitionDocument Document)>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            files.Add((file, WorkflowDefinitionDocument.Parse(await File.ReadAllTextAsync(file, ct))));
        foreach (var (file, document) in files.OrderBy(f => f.Document.UsableAsActivity ? 0 : 1))
        {
            var errors = (await definitions.ValidateAsync(document, ct)).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
                throw new InvalidOperationException($"工作流文件 {file} 有错误：{string.Join("; ", errors)}");
            var definitionId = document.DefinitionId ?? document.Id ?? Path.GetFileNameWithoutExtension(file);
            document.DefinitionId = definitionId;
            var latest = await store.FindDefinitionAsync(definitionId, VersionOptions.Latest, ct);
            if (!IsNewer(document, latest, File.GetLastWriteTimeUtc(file))) continue;
            var result = await definitions.ImportAsync(document, ct);
            if (!result.Succeeded) throw new InvalidOperationException($"工作流文件 {file} 无法发布：{string.Join("; ", result.ValidationErrors)}");
            logger.LogInformation("Imported {File} as {DefinitionId} version {Version}.", Path.GetFileName(file), definitionId, result.Definition!.Version);
            imported++;
        }
        return imported;
    }

    private static bool IsNewer(WorkflowDefinitionDocument file, WorkflowDefinitionRecord? latest, DateTime fileWrittenUtc)
    {
        if (latest is null) return true;
        // A higher version number alone is not news: an empty database stores the first file it reads as version 1, and
        // the next start must not import the same flowchart again as version 2.
        if (file.Version > latest.Version) return !SameContent(file, latest);
        if (fileWrittenUtc <= latest.CreatedAt.UtcDateTime) return false;
        return !SameContent(file, latest);
    }

    private static bool SameContent(WorkflowDefinitionDocument file, WorkflowDefinitionRecord latest)
    {
        var stored = WorkflowDefinitionDocument.Parse(latest.Json);
        return JsonNode.DeepEquals(stored.Root, file.Root) && stored.Name == file.Name;
    }
}
