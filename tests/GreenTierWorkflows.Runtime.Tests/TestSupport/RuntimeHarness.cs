using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Runtime.Tests.TestSupport;

/// <summary>A runtime on an in-memory store, a fake clock and the in-process scheduler.</summary>
public sealed class RuntimeHarness : IDisposable
{
    public RuntimeHarness(FlowchartExecutionMode mode = FlowchartExecutionMode.CounterBased, IWorkflowStore? store = null, IEnumerable<IActivity>? extraActivities = null,
        WorkflowLimits? limits = null)
    {
        limits ??= new WorkflowLimits();
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Store = store ?? new MemoryWorkflowStore(Clock);
        Registry = BuiltInActivities.CreateRegistry();
        if (extraActivities is not null) Registry.RegisterRange(extraActivities);
        Scheduler = new InProcessWorkflowScheduler(Clock);
        var expressions = new Expressions.ExpressionEngine(Expressions.ExpressionEngine.Defaults(limits.JavaScript, limits.Liquid));
        var runner = new WorkflowRunner(expressions, Clock, new WorkflowRuntimeOptions { DefaultFlowchartMode = mode, Limits = limits });
        Runtime = new WorkflowRuntime(Store, new WorkflowLoader(Registry), runner, Scheduler);
        Definitions = new WorkflowDefinitionService(Store, Runtime);
    }

    public FakeTimeProvider Clock { get; }
    public IWorkflowStore Store { get; }
    public ActivityRegistry Registry { get; }
    public InProcessWorkflowScheduler Scheduler { get; }
    public WorkflowRuntime Runtime { get; }
    public WorkflowDefinitionService Definitions { get; }

    /// <summary>Imports and publishes a definition; fails the test on validation errors.</summary>
    public async Task<WorkflowDefinitionRecord> PublishAsync(string json)
    {
        var result = await Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(json), publish: true);
        Assert.True(result.Succeeded, string.Join("; ", result.ValidationErrors));
        return result.Definition!;
    }

    public Task<WorkflowDefinitionRecord> PublishFileAsync(string path) => PublishAsync(File.ReadAllText(path));

    /// <summary>Elsa's runUntilEnd harness: start, then resume every bookmark until finished or none is left.</summary>
    public async Task<(WorkflowState State, List<string> Output, string InstanceId)> RunUntilEndAsync(string definitionId, JsonObject? input = null)
    {
        var output = new List<string>();
        var run = await Runtime.StartAsync(definitionId, new StartWorkflowOptions { Input = input }, standardOut: output.Add);
        var state = run.State;
        for (var guard = 0; state.Status != WorkflowStatus.Finished && state.Bookmarks.Count > 0 && guard < 100; guard++)
        {
            foreach (var bookmark in state.Bookmarks.ToList())
            {
                var resumed = await Runtime.ResumeAsync(bookmark.Id, input, output.Add);
                if (resumed.Run is not null) state = resumed.Run.State;
            }
            state = (await Store.FindInstanceAsync(state.Id))!.State;
        }
        return (state, output, state.Id);
    }

    public async Task<List<JournalEntry>> JournalAsync(string instanceId) => (await Store.ListJournalAsync(instanceId, 0, 10_000)).Items.ToList();

    public void Dispose() => Scheduler.Dispose();
}
