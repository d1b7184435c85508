using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

/// <summary>
/// Resource limits (issue 14, items 1 and 2): a burst's activity and time budget, cancellation between activities,
/// the expression engines' limits and the journal entry cap. Each limit hit is a Chinese incident on a faulted, committed instance.
/// </summary>
public sealed class RuntimeLimitsScenarioTests
{
    private static WorkflowLimits Limits(Action<WorkflowLimits> change)
    {
        var limits = new WorkflowLimits();
        change(limits);
        return limits;
    }

    private static async Task<(WorkflowState State, List<string> Output)> RunOneAsync(RuntimeHarness h, JsonObject definition)
    {
        await h.PublishAsync(definition.ToJsonString());
        var output = new List<string>();
        var run = await h.Runtime.StartAsync(definition["definitionId"]!.GetValue<string>(), standardOut: output.Add);
        var stored = await h.Store.FindInstanceAsync(run.State.Id);
        Assert.NotNull(stored);
        return (stored.State, output);
    }

    private static WorkflowIncident AssertFaulted(WorkflowState state, string activityId, params string[] fragments)
    {
        Assert.Equal(WorkflowStatus.Finished, state.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(activityId, incident.ActivityId);
        foreach (var fragment in fragments) Assert.Contains(fragment, incident.Message);
        return incident;
    }

    [Theory]
    [InlineData(FlowchartExecutionMode.CounterBased)]
    [InlineData(FlowchartExecutionMode.TokenBased)]
    public async Task SelfLoop_IsFaultedWithAnIncidentNamingTheLoopingActivity_WhenTheActivityBudgetIsSpent(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode, limits: Limits(l => l.MaxActivitiesPerBurst = 500));
        var loop = WriteLine("a1", "又一圈");
        var name = loop["name"]!.GetValue<string>();

        var (state, output) = await RunOneAsync(h, Definition("self-loop", Flowchart("fc", [loop], Connection("a1", "a1"))));

        var incident = AssertFaulted(state, "a1", "活动数达到上限 500", $"「{name}」", "ID a1", "Elsa.WriteLine", "执行了 499 次");
        Assert.Equal(nameof(WorkflowLimitExceededException), incident.ExceptionType);
        Assert.Equal(499, output.Count);
        var journal = await h.JournalAsync(state.Id);
        Assert.InRange(journal.Count, 500, 3 * 500);
        Assert.Equal("Faulted", journal[^1].EventName);
    }

    [Fact]
    public async Task ChainOf40000Activities_RunsToCompletion_WithTheDefaultLimits()
    {
        using var h = new RuntimeHarness();
        const int count = 40_000;
        var activities = Enumerable.Range(0, count).Select(i => WriteLine($"w{i}", $"第 {i} 步")).ToArray();
        var connections = Enumerable.Range(1, count - 1).Select(i => Connection($"w{i - 1}", $"w{i}")).ToArray();

        var (state, output) = await RunOneAsync(h, Definition("long-chain", Flowchart("fc", activities, connections)));

        Assert.True(state.SubStatus == WorkflowSubStatus.Finished, string.Join("; ", state.Incidents.Select(i => i.Message)));
        Assert.Empty(state.Incidents);
        Assert.Equal(count, output.Count);
        Assert.Equal($"第 {count - 1} 步", output[^1]);
    }

    [Fact]
    public async Task SlowLoop_IsFaultedWithAnIncident_WhenTheBurstOutlastsItsWallTime()
    {
        using var h = new RuntimeHarness(limits: Limits(l => { l.MaxActivitiesPerBurst = 0; l.MaxBurstDuration = TimeSpan.FromSeconds(10); }));
        h.Registry.Register(new ClockAdvancingActivity(h.Clock, TimeSpan.FromSeconds(1))); // each run takes a second of the harness's clock

        var (state, _) = await RunOneAsync(h, Definition("slow-loop", Flowchart("fc",
            [Activity("slow", ClockAdvancingActivity.TypeName)], Connection("slow", "slow"))));

        AssertFaulted(state, "slow", "运行时间超出上限 10 秒", "ID slow", "执行了 11 次");
    }

    [Fact]
    public async Task CancelledStart_StopsBetweenActivities_AndCommitsNothing()
    {
        using var source = new CancellationTokenSource();
        using var h = new RuntimeHarness(extraActivities: [new CancellingActivity(source)]);
        var root = Flowchart("fc", [WriteLine("a", "一"), Activity("cancel", CancellingActivity.TypeName), WriteLine("b", "二"), WriteLine("c", "三")],
            Connection("a", "cancel"), Connection("cancel", "b"), Connection("b", "c"));
        await h.PublishAsync(Definition("cancel-start", root).ToJsonString());
        var output = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            h.Runtime.StartAsync("cancel-start", standardOut: output.Add, ct: source.Token));

        Assert.Equal(["一", "cancelled"], output);
        Assert.Equal(0, (await h.Store.ListInstancesAsync(new WorkflowInstanceFilter(), 0, 10)).TotalCount);
    }

    [Fact]
    public async Task CancelledResume_StopsBetweenActivities_AndLeavesTheInstanceAndBookmarkAsTheyWere()
    {
        using var source = new CancellationTokenSource();
        using var h = new RuntimeHarness(extraActivities: [new CancellingActivity(source)]);
        var root = Flowchart("fc",
            [Activity("wait", "Elsa.Event", ("eventName", Literal("go"))), Activity("cancel", CancellingActivity.TypeName), WriteLine("after", "之后")],
            Connection("wait", "cancel"), Connection("cancel", "after"));
        await h.PublishAsync(Definition("cancel-resume", root).ToJsonString());
        var run = await h.Runtime.StartAsync("cancel-resume");
        var bookmark = Assert.Single(run.State.Bookmarks);
        var before = await h.Store.FindInstanceAsync(run.State.Id);
        var output = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Runtime.ResumeAsync(bookmark.Id, null, output.Add, source.Token));

        Assert.Equal(["cancelled"], output);
        var after = await h.Store.FindInstanceAsync(run.State.Id);
        Assert.Equal(before!.Stamp, after!.Stamp);
        Assert.Equal(WorkflowSubStatus.Suspended, after.State.SubStatus);
        Assert.Equal(bookmark.Id, Assert.Single(after.State.Bookmarks).Id);

        var resumed = await h.Runtime.ResumeAsync(bookmark.Id, null, output.Add);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.Run!.State.SubStatus);
    }

    [Theory]
    [InlineData("return 'x'.repeat(2**28)", "字符串长度超出内存上限 16777216 字节")]
    [InlineData("return 'x'.padEnd(2**28).length", "字符串长度超出内存上限 16777216 字节")]
    [InlineData("let s = 'x'; for (let i = 0; i < 40; i++) s = s + s; return s.length", "内存占用超出上限 16,777,216 字节")]
    [InlineData("return Array.from({ length: 900000 }, (_, i) => 'item-' + i).join(',').length", "内存占用超出上限 16,777,216 字节")]
    public async Task JavaScript_IsStoppedByTheMemoryLimit(string script, string message)
    {
        using var h = new RuntimeHarness(limits: Limits(l => l.JavaScript.MemoryLimitBytes = 16L * 1024 * 1024));

        var (state, output) = await RunOneAsync(h, Definition("js-memory", Flowchart("fc", [WriteLine("big", Js(script, "String"))])));

        AssertFaulted(state, "big", "JavaScript", message);
        Assert.Empty(output);
    }

    [Fact]
    public async Task JavaScript_WithinItsMemoryLimit_StillRuns()
    {
        using var h = new RuntimeHarness(limits: Limits(l => l.JavaScript.MemoryLimitBytes = 16L * 1024 * 1024));

        var (state, output) = await RunOneAsync(h, Definition("js-fits", Flowchart("fc", [WriteLine("fits", Js("return 'ab'.repeat(1000).length", "String"))])));

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["2000"], output);
    }

    [Fact]
    public async Task JavaScript_RefusesAHugeArray()
    {
        using var h = new RuntimeHarness();

        var (state, _) = await RunOneAsync(h, Definition("js-array", Flowchart("fc", [WriteLine("big", Js("return new Array(2**25).fill(0).length", "String"))])));

        AssertFaulted(state, "big", "JavaScript 执行被中止", "数组长度超出上限 1,000,000");
    }

    [Fact]
    public async Task JavaScript_IsStoppedByTheStatementLimit()
    {
        using var h = new RuntimeHarness(limits: Limits(l => { l.JavaScript.MaxStatements = 10_000; l.JavaScript.Timeout = TimeSpan.FromMinutes(5); }));

        var (state, _) = await RunOneAsync(h, Definition("js-spin", Flowchart("fc", [WriteLine("spin", Js("let i = 0; while (true) { i++; } return i", "String"))])));

        AssertFaulted(state, "spin", "语句数超出上限 10,000 条");
    }

    [Fact]
    public async Task Liquid_IsStoppedByTheStepLimit_In4000By4000NestedLoops()
    {
        using var h = new RuntimeHarness(limits: Limits(l => l.Liquid.MaxSteps = 100_000));
        const string template = "{% for i in (1..4000) %}{% for j in (1..4000) %}x{% endfor %}{% endfor %}";

        var (state, output) = await RunOneAsync(h, Definition("liquid-loops", Flowchart("fc", [WriteLine("loops", Liquid(template))])));

        AssertFaulted(state, "loops", "Liquid 模板执行被中止", "执行步数上限 100,000 步");
        Assert.Empty(output);
    }

    [Fact]
    public async Task Liquid_IsStoppedByTheOutputCap()
    {
        using var h = new RuntimeHarness(limits: Limits(l => l.Liquid.MaxOutputChars = 1000));
        const string template = "{% for i in (1..100) %}0123456789abcdef{% endfor %}";

        var (state, _) = await RunOneAsync(h, Definition("liquid-output", Flowchart("fc", [WriteLine("wide", Liquid(template))])));

        AssertFaulted(state, "wide", "Liquid 模板输出超出上限 1,000 个字符");
    }

    [Fact]
    public async Task Liquid_WithinItsLimits_StillRenders()
    {
        using var h = new RuntimeHarness(limits: Limits(l => { l.Liquid.MaxSteps = 1000; l.Liquid.MaxOutputChars = 1600; }));
        const string template = "{% for i in (1..100) %}0123456789abcdef{% endfor %}";

        var (state, output) = await RunOneAsync(h, Definition("liquid-fits", Flowchart("fc", [WriteLine("fits", Liquid(template))])));

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(1600, Assert.Single(output).Length);
    }

    [Fact]
    public async Task JournalEntry_StoresACutValueWithAMarker_WhenAnInputIsLargerThanTheCap()
    {
        using var h = new RuntimeHarness(limits: Limits(l => l.MaxJournalEntryBytes = 1000));
        var root = Flowchart("fc",
            [SetVariable("big", "Text", Js("return '绿'.repeat(50000)")), WriteLine("small", "小")],
            Connection("big", "small"));

        var (state, _) = await RunOneAsync(h, Definition("journal-cap", root, Variable("Text", "String")));

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(50_000, state.Variables["Text"]!.GetValue<string>().Length);
        var journal = await h.JournalAsync(state.Id);
        var stored = journal.Single(e => e.ActivityId == "big" && e.EventName == "Completed").ActivityState!["Value"]!.GetValue<string>();
        Assert.EndsWith("…（已截断，原长 150000 字节）", stored);
        Assert.StartsWith(new string('绿', 333), stored);
        Assert.Equal(333 + "…（已截断，原长 150000 字节）".Length, stored.Length);
        var small = journal.Single(e => e.ActivityId == "small" && e.EventName == "Completed").ActivityState!;
        Assert.Equal("小", small["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Journal_OfOneBurst_StoresNoMoreThanItsBudget_ThenOnlyMarkers()
    {
        using var h = new RuntimeHarness(limits: Limits(l => { l.MaxJournalEntryBytes = 0; l.MaxJournalBytesPerBurst = 3000; }));
        var root = Flowchart("fc",
            [WriteLine("w1", new string('a', 2000)), WriteLine("w2", new string('b', 2000)), WriteLine("w3", new string('c', 2000))],
            Connection("w1", "w2"), Connection("w2", "w3"));

        var (state, output) = await RunOneAsync(h, Definition("journal-burst", root));

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(3, output.Count);
        var journal = await h.JournalAsync(state.Id);
        string Stored(string id) => journal.Single(e => e.ActivityId == id && e.EventName == "Completed").ActivityState!["Text"]!.GetValue<string>();
        Assert.Equal(new string('a', 2000), Stored("w1"));
        Assert.Equal(new string('b', 1000) + "…（已截断，原长 2000 字节）", Stored("w2"));
        Assert.Equal("…（已截断，原长 2000 字节）", Stored("w3"));
    }
}
