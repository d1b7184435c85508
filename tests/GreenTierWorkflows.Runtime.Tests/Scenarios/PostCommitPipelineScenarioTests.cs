using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

/// <summary>
/// The post-commit pipeline: every observer is called after each committed step, in order, a throwing one does not skip
/// the others, and the step stays committed with its projection reported pending; a start told to discard a fault commits nothing.
/// </summary>
public sealed class PostCommitPipelineScenarioTests
{
    [Fact]
    public async Task EveryObserverRuns_InOrder_AndAFailureAfterTheCommit_IsReportedAsPending()
    {
        using var h = new RuntimeHarness();
        var calls = new List<string>();
        var runtime = RuntimeWith(h, new Observer("first", calls, fail: true), new Observer("second", calls, fail: false));
        await h.PublishAsync(Definition("hello", Flowchart("fc", [WriteLine("a", "hi")])).ToJsonString());

        var run = await runtime.StartAsync("hello");

        Assert.Equal(["first", "second"], calls);
        Assert.True(run.ProjectionPending);
        Assert.Equal("first failed", Assert.Single(run.PostCommitFailures).Message);
        Assert.Equal(WorkflowSubStatus.Finished, (await h.Store.FindInstanceAsync(run.State.Id))!.State.SubStatus);
    }

    [Fact]
    public async Task AStartThatFaults_WithDiscardIfFaulted_CommitsNothing()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("bad-js", Flowchart("fc", [WriteLine("a", Js("return notDefined.x", "String"))])).ToJsonString());

        var refused = await Assert.ThrowsAsync<WorkflowStartFaultedException>(() =>
            h.Runtime.StartAsync("bad-js", new StartWorkflowOptions { InstanceId = "discarded", DiscardIfFaulted = true }));

        Assert.Contains("notDefined", refused.Message);
        Assert.Null(await h.Store.FindInstanceAsync("discarded"));
        Assert.Equal(0, (await h.Store.ListInstancesAsync(new WorkflowInstanceFilter { DefinitionId = "bad-js" }, 0, 10)).TotalCount);
    }

    private static WorkflowRuntime RuntimeWith(RuntimeHarness h, params IWorkflowStepObserver[] observers) =>
        new(h.Store, new WorkflowLoader(h.Registry), new WorkflowRunner(new ExpressionEngine(), h.Clock, new WorkflowRuntimeOptions()), h.Scheduler,
            observers: () => observers);

    private sealed class Observer(string name, List<string> calls, bool fail) : IWorkflowStepObserver
    {
        public Task OnStepCommittedAsync(WorkflowRunResult run, CancellationToken ct)
        {
            calls.Add(name);
            return fail ? throw new InvalidOperationException(name + " failed") : Task.CompletedTask;
        }
    }
}
