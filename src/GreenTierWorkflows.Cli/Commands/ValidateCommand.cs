using System.Text.Json;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;

namespace GreenTierWorkflows.Cli.Commands;

/// <summary>
/// <c>gtw validate [PATH...] [--db FILE]</c>: loads each file and prints diagnostics with file and JSON path. Workflows a
/// file uses as activities are looked up in <c>--db</c>, else among the other files of its folder.
/// </summary>
public static class ValidateCommand
{
    public static int Run(CommandLine options, TextWriter stdout)
    {
        var files = ResolveFiles(options.Positional);
        if (files.Count == 0) throw new UsageException("没有找到要检查的工作流文件。");
        var loader = new WorkflowLoader(GreenTierWorkflows.Domain.Activities.GreenTierActivities.CreateRegistry());
        var runtime = options.Flag("--db") is null ? null : CliRuntime.Create(options);
        var errors = 0;
        var warnings = 0;
        foreach (var file in files)
        {
            foreach (var d in Validate(loader, file, runtime))
            {
                stdout.WriteLine(d with { File = Path.GetRelativePath(Directory.GetCurrentDirectory(), file) });
                if (d.Severity == DiagnosticSeverity.Error) errors++;
                else warnings++;
            }
        }
        stdout.WriteLine($"检查了 {files.Count} 个文件：{errors} 个错误，{warnings} 个警告。");
        return errors > 0 ? GtwApp.Invalid : GtwApp.Ok;
    }

    public static IReadOnlyList<Diagnostic> Validate(WorkflowLoader loader, string file, CliRuntime? runtime = null)
    {
        WorkflowDefinitionDocument document;
        try
        {
            document = WorkflowDefinitionDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException ex)
        {
            return [new Diagnostic(DiagnosticSeverity.Error, ex.Path ?? "$", $"不是合法的 JSON（第 {ex.LineNumber + 1} 行）：{ex.Message}")];
        }
        catch (FormatException ex)
        {
            return [new Diagnostic(DiagnosticSeverity.Error, "$", ex.Message)];
        }
        var resolver = ChildWorkflowFiles.ResolverAsync(runtime, file, document).GetAwaiter().GetResult();
        var diagnostics = loader.Load(document, resolver).Diagnostics.ToList();
        if (document.Root is not null && Runtime.Management.WorkflowDefinitionService.RootError(document) is { } rootError)
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "$.root.type", rootError));
        return diagnostics;
    }

    private static List<string> ResolveFiles(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            var dir = FindWorkflowsDirectory() ?? throw new UsageException("当前目录及其上级目录中没有 workflows/ 文件夹，请给出文件路径。");
            paths = [dir];
        }
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else if (File.Exists(p)) files.Add(p);
            else throw new UsageException($"找不到文件或目录 '{p}'。");
        }
        return files;
    }

    private static string? FindWorkflowsDirectory()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
