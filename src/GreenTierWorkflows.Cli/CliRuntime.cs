using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Scheduling;

namespace GreenTierWorkflows.Cli;

/// <summary>A runtime for one command: an in-memory store, or the SQLite file given by <c>--db</c>.</summary>
public sealed class CliRuntime
{
    private CliRuntime(IWorkflowStore store, FlowchartExecutionMode mode, GreenTierWorkflows.Domain.Calendar.WorkingDayCalendar calendar)
    {
        Store = store;
        // The bureau's working days (calendars/YYYY.json) count a 公示 here as in the web host.
        var registry = BuiltInActivities.CreateRegistry().RegisterRange(GreenTierWorkflows.Domain.Activities.GreenTierActivities.Create(calendar));
        var runner = new WorkflowRunner(new ExpressionEngine(), TimeProvider.System, new WorkflowRuntimeOptions { DefaultFlowchartMode = mode });
        Runtime = new WorkflowRuntime(store, new WorkflowLoader(registry), runner, new NullWorkflowScheduler());
        Definitions = new WorkflowDefinitionService(store, Runtime);
    }

    public IWorkflowStore Store { get; }
    public WorkflowRuntime Runtime { get; }
    public WorkflowDefinitionService Definitions { get; }

    public static CliRuntime Create(CommandLine options, bool requireDb = false)
    {
        var db = options.Flag("--db");
        if (requireDb && db is null) throw new UsageException("缺少参数 --db（恢复和触发需要保存实例的数据库文件）。");
        var modeText = options.Flag("--flowchart-mode");
        var mode = FlowchartExecutionMode.CounterBased;
        if (modeText is not null && !Enum.TryParse(modeText, true, out mode))
            throw new UsageException($"--flowchart-mode 只能是 CounterBased 或 TokenBased，收到 '{modeText}'。");
        GreenTierWorkflows.Domain.Calendar.WorkingDayCalendar calendar;
        try
        {
            calendar = GreenTierWorkflows.Infrastructure.Calendar.HolidayCalendarFolder.Load(
                GreenTierWorkflows.Infrastructure.Templates.ScribanTemplateFolder.ResolveDirectory(options.Flag("--calendars") ?? "calendars"));
        }
        catch (GreenTierWorkflows.Infrastructure.Calendar.HolidayCalendarException ex)
        {
            throw new UsageException(ex.Message);
        }
        IWorkflowStore store = db is null ? new MemoryWorkflowStore() : EfWorkflowStore.CreateSqlite(Path.GetFullPath(db));
        return new CliRuntime(store, mode, calendar);
    }

    /// <summary>Stores and publishes the definition unless the same content is already the published version.</summary>
    public async Task<WorkflowGraph> PublishAsync(WorkflowDefinitionDocument document)
    {
        var definitionId = document.DefinitionId ?? document.Id;
        if (definitionId is not null)
        {
            var published = await Store.FindDefinitionAsync(definitionId, VersionOptions.Published);
            if (published is not null && System.Text.Json.Nodes.JsonNode.DeepEquals(WorkflowDefinitionDocument.Parse(published.Json).Root, document.Root))
                return Runtime.Load(published);
        }
        var result = await Definitions.SaveAsync(document, publish: true);
        if (!result.Succeeded) throw new InvalidDefinitionException(result.ValidationErrors);
        return Runtime.Load(result.Definition!);
    }
}

/// <summary>A definition with errors cannot be run.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<Diagnostic> errors) : Exception("工作流定义有错误。")
{
    public IReadOnlyList<Diagnostic> Errors { get; } = errors;
}
