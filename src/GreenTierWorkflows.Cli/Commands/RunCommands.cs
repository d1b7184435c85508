using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;

namespace GreenTierWorkflows.Cli.Commands;

/// <summary><c>gtw run FILE</c>: publishes the file into the store and runs a new instance until it finishes or suspends.</summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(CommandLine options, TextWriter stdout)
    {
        if (options.Positional.Count != 1) throw new UsageException("run 需要且只需要一个工作流文件。");
        var file = options.Positional[0];
        if (!File.Exists(file)) throw new UsageException($"找不到文件 '{file}'。");
        var runtime = CliRuntime.Create(options);
        WorkflowGraph graph;
        try
        {
            var document = WorkflowDefinitionDocument.Parse(await File.ReadAllTextAsync(file));
            await ChildWorkflowFiles.PublishMissingAsync(runtime, file, document);
            graph = await runtime.PublishAsync(document);
        }
        catch (InvalidDefinitionException ex)
        {
            foreach (var e in ex.Errors) stdout.WriteLine(e with { File = file });
            return GtwApp.Invalid;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            stdout.WriteLine($"{file}: 错误 $: {ex.Message}");
            return GtwApp.Invalid;
        }
        var lines = new List<string>();
        var result = await runtime.Runtime.StartAsync(graph, new StartWorkflowOptions { Input = options.Inputs, CorrelationId = options.Flag("--correlation-id") }, lines.Add);
        var step = result.Step;
        // Child instances (ExecuteWorkflow, DispatchWorkflow) ran after the first step and may have resumed the instance:
        // report where it stands now, with every line written during this call.
        if (step.ChildWorkflowRequests.Count > 0 && await runtime.Store.FindInstanceAsync(step.State.Id) is { } latest)
            step = step with { State = latest.State, Output = lines };
        RunReport.Write(stdout, RunReport.Create(step));
        return RunReport.ExitCode(step.State);
    }
}

/// <summary><c>gtw resume --db FILE --bookmark ID</c>: continues a suspended instance.</summary>
public static class ResumeCommand
{
    public static async Task<int> RunAsync(CommandLine options, TextWriter stdout)
    {
        var runtime = CliRuntime.Create(options, requireDb: true);
        var bookmarkId = options.RequireFlag("--bookmark");
        var result = await runtime.Runtime.ResumeAsync(bookmarkId, options.Inputs.Count == 0 ? null : options.Inputs);
        if (result.Run is null)
        {
            RunReport.Write(stdout, new JsonObject { ["bookmarkId"] = bookmarkId, ["result"] = result.Outcome.ToString(), ["message"] = result.Message });
            return GtwApp.Invalid;
        }
        RunReport.Write(stdout, RunReport.Create(result.Run.Step));
        return RunReport.ExitCode(result.Run.State);
    }
}

/// <summary><c>gtw trigger --db FILE --event NAME</c>: delivers an Elsa event to waiting and event-triggered workflows.</summary>
public static class TriggerCommand
{
    public static async Task<int> RunAsync(CommandLine options, TextWriter stdout)
    {
        var runtime = CliRuntime.Create(options, requireDb: true);
        var eventName = options.RequireFlag("--event");
        var results = await runtime.Runtime.TriggerEventAsync(eventName, options.Inputs.Count == 0 ? null : options.Inputs, options.Flag("--correlation-id"));
        RunReport.Write(stdout, new JsonArray(results.Select(r => (JsonNode?)RunReport.Create(r.Step)).ToArray()));
        return results.Any(r => r.State.SubStatus == WorkflowSubStatus.Faulted) ? GtwApp.Faulted : GtwApp.Ok;
    }
}

/// <summary><c>gtw publish FILE... --db FILE</c>: imports and publishes definitions so triggers and starts can use them.</summary>
public static class PublishCommand
{
    public static async Task<int> RunAsync(CommandLine options, TextWriter stdout)
    {
        if (options.Positional.Count == 0) throw new UsageException("publish 需要至少一个工作流文件。");
        var runtime = CliRuntime.Create(options, requireDb: true);
        var exit = GtwApp.Ok;
        foreach (var file in options.Positional)
        {
            if (!File.Exists(file)) throw new UsageException($"找不到文件 '{file}'。");
            try
            {
                var graph = await runtime.PublishAsync(WorkflowDefinitionDocument.Parse(await File.ReadAllTextAsync(file)));
                stdout.WriteLine($"{file}: 已发布 {graph.DefinitionId} 版本 {graph.Version}");
            }
            catch (InvalidDefinitionException ex)
            {
                foreach (var e in ex.Errors) stdout.WriteLine(e with { File = file });
                exit = GtwApp.Invalid;
            }
        }
        return exit;
    }
}
