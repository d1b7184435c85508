using System.Reflection;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

public sealed class BookmarkScenarioTests
{
    private static JsonObject WaitForApproval() => Definition("approval", Flowchart("fc",
    [
        WriteLine("a", "提交"),
        Activity("wait", "Elsa.Event", ("eventName", Literal("city-review")), ("result", OutputTo("Decision"))),
        WriteLine("b", Js("return '结果：' + getDecision().outcome", "String")),
    ], Connection("a", "wait"), Connection("wait", "b")), Variable("Decision"));

    [Fact]
    public async Task Event_SuspendsWithAStableHash_AndResumesByStimulus()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(WaitForApproval().ToJsonString());
        var first = await h.Runtime.StartAsync("approval");
        var second = await h.Runtime.StartAsync("approval");

        Assert.Equal(WorkflowSubStatus.Suspended, first.State.SubStatus);
        var b1 = Assert.Single(first.State.Bookmarks);
        var b2 = Assert.Single(second.State.Bookmarks);
        Assert.Equal("Elsa.Event", b1.Name);
        Assert.Equal(b1.Hash, b2.Hash);
        Assert.Equal(b1.Hash, Bookmarks.StimulusHasher.Hash("Elsa.Event", new JsonObject { ["eventName"] = "city-review" }));

        var results = await h.Runtime.TriggerEventAsync("city-review", new JsonObject { ["outcome"] = "通过" }, workflowInstanceId: first.State.Id);

        var resumed = Assert.Single(results);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
        Assert.Equal(["结果：通过"], resumed.Step.Output);
        Assert.Equal(WorkflowSubStatus.Suspended, (await h.Store.FindInstanceAsync(second.State.Id))!.State.SubStatus);
    }

    [Fact]
    public async Task Resume_ByBookmarkIdTwice_SaysAlreadyResumed()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(WaitForApproval().ToJsonString());
        var run = await h.Runtime.StartAsync("approval");
        var bookmarkId = run.State.Bookmarks[0].Id;

        var first = await h.Runtime.ResumeAsync(bookmarkId, new JsonObject { ["outcome"] = "退回修改" });
        var again = await h.Runtime.ResumeAsync(bookmarkId, new JsonObject { ["outcome"] = "通过" });
        var unknown = await h.Runtime.ResumeAsync("no-such-bookmark");

        Assert.Equal(ResumeOutcome.Resumed, first.Outcome);
        Assert.Equal(ResumeOutcome.AlreadyResumed, again.Outcome);
        Assert.Contains("不能重复恢复", again.Message);
        Assert.Equal(ResumeOutcome.NotFound, unknown.Outcome);
        Assert.Equal(["结果：退回修改"], first.Run!.Step.Output);
    }

    [Fact]
    public async Task ConcurrentResumes_OfOneBookmark_ExactlyOneProceeds()
    {
        var inner = new MemoryWorkflowStore();
        var gate = new Barrier(2);
        var store = GatedStore.Create(inner, gate);
        using var h = new RuntimeHarness(store: store);
        await h.PublishAsync(WaitForApproval().ToJsonString());
        GatedStore.Enabled = false;
        var run = await h.Runtime.StartAsync("approval");
        var bookmarkId = run.State.Bookmarks[0].Id;
        GatedStore.Enabled = true;

        var results = await Task.WhenAll(
            Task.Run(() => h.Runtime.ResumeAsync(bookmarkId, new JsonObject { ["outcome"] = "通过" })),
            Task.Run(() => h.Runtime.ResumeAsync(bookmarkId, new JsonObject { ["outcome"] = "不通过" })));
        GatedStore.Enabled = false;

        Assert.Single(results, r => r.Outcome == ResumeOutcome.Resumed);
        Assert.Single(results, r => r.Outcome == ResumeOutcome.AlreadyResumed);
        var journal = await h.JournalAsync(run.State.Id);
        Assert.Single(journal, j => j.ActivityId == "b" && j.EventName == "Completed");
        Assert.Equal(WorkflowSubStatus.Finished, (await h.Store.FindInstanceAsync(run.State.Id))!.State.SubStatus);
    }

    [Fact]
    public async Task RunningInstances_StayOnTheirVersion_WhileNewOnesUseThePublishedOne()
    {
        using var h = new RuntimeHarness();
        var v1 = WaitForApproval();
        await h.PublishAsync(v1.ToJsonString());
        var old = await h.Runtime.StartAsync("approval");

        var v2 = WaitForApproval();
        v2["root"]!["activities"]![0]!["text"] = Literal("提交（第二版）");
        var published = await h.PublishAsync(v2.ToJsonString());
        var fresh = await h.Runtime.StartAsync("approval");

        Assert.Equal(2, published.Version);
        Assert.Equal(["提交（第二版）"], fresh.Step.Output);
        Assert.Equal(1, old.State.DefinitionVersion);
        var resumed = await h.Runtime.ResumeAsync(old.State.Bookmarks[0].Id, new JsonObject { ["outcome"] = "通过" });
        Assert.Equal(1, resumed.Run!.State.DefinitionVersion);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.Run.State.SubStatus);
    }

    [Fact]
    public async Task EventTrigger_StartsAPublishedWorkflow()
    {
        using var h = new RuntimeHarness();
        var trigger = Activity("on", "Elsa.Event", ("eventName", Literal("window-opened")), ("result", OutputTo("Payload")));
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        await h.PublishAsync(Definition("on-window", Flowchart("fc", [trigger, WriteLine("say", Liquid("{{ Variables.Payload.year }} 年度申报窗口已开启"))],
            Connection("on", "say")), Variable("Payload")).ToJsonString());

        var results = await h.Runtime.TriggerEventAsync("window-opened", new JsonObject { ["year"] = 2026 });

        var run = Assert.Single(results);
        Assert.Equal(["2026 年度申报窗口已开启"], run.Step.Output);
        Assert.Equal("on", run.State.TriggerActivityId);
    }

    [Fact]
    public async Task PublishEvent_Local_ResumesTheSameInstance()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc",
        [
            Activity("fork", "Elsa.FlowFork", ("branches", Object("[\"Wait\",\"Send\"]"))),
            Activity("wait", "Elsa.Event", ("eventName", Literal("ping"))),
            Activity("send", "Elsa.PublishEvent", ("eventName", Literal("ping")), ("isLocalEvent", Literal(true, "Boolean"))),
            WriteLine("got", "收到"),
        ], Connection("fork", "wait", "Wait"), Connection("fork", "send", "Send"), Connection("wait", "got"));
        await h.PublishAsync(Definition("local-event", root).ToJsonString());
        var other = await h.Runtime.StartAsync(await h.Runtime.FindGraphAsync("local-event", VersionOptions.Published) ?? throw new InvalidOperationException());

        var state = (await h.Store.FindInstanceAsync(other.State.Id))!.State;
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
    }

    [Fact]
    public async Task RunTask_IsHandedToTheApplication_AndCompletedWithAResult()
    {
        using var h = new RuntimeHarness();
        var requests = new List<TaskRequest>();
        h.Runtime.TaskRequested += r => { requests.Add(r); return Task.CompletedTask; };
        var root = Flowchart("fc",
        [
            Activity("task", "Elsa.RunTask", ("taskName", Literal("现场核查")), ("result", OutputTo("Finding"))),
            WriteLine("say", Js("return '核查结论：' + getFinding()", "String")),
        ], Connection("task", "say"));
        await h.PublishAsync(Definition("run-task", root, Variable("Finding")).ToJsonString());
        var run = await h.Runtime.StartAsync("run-task");

        var request = Assert.Single(requests);
        Assert.Equal("现场核查", request.TaskName);
        Assert.Equal(WorkflowSubStatus.Suspended, run.State.SubStatus);

        var done = Assert.Single(await h.Runtime.CompleteTaskAsync(request.TaskId, JsonValue.Create("合格")));
        Assert.Equal(["核查结论：合格"], done.Step.Output);
    }
}

/// <summary>A store whose instance reads wait for each other, so two resumes read the same stamp before either commits.</summary>
public class GatedStore : DispatchProxy
{
    public static volatile bool Enabled;
    private IWorkflowStore _inner = null!;
    private Barrier _barrier = null!;

    public static IWorkflowStore Create(IWorkflowStore inner, Barrier barrier)
    {
        var proxy = Create<IWorkflowStore, GatedStore>();
        ((GatedStore)(object)proxy)._inner = inner;
        ((GatedStore)(object)proxy)._barrier = barrier;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        if (Enabled && targetMethod.Name == nameof(IWorkflowInstanceStore.FindInstanceAsync)) _barrier.SignalAndWait(TimeSpan.FromSeconds(10));
        return result;
    }
}
