using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

/// <summary>
/// <c>Elsa.RunJavaScript</c>, <c>Elsa.FlowNode</c> and <c>Elsa.ParallelForEach</c> in both flowchart engines. Expectations
/// follow elsa-core's own tests: test/component/Elsa.Workflows.ComponentTests/Scenarios/JavaScriptVariables
/// (setMagicNumber / variables.X / setVariable all set the variable), src/…/RunJavaScript.cs (setOutcome, Result) and
/// test/integration/Elsa.Activities.IntegrationTests/ParallelForEachTests.cs (every item, CurrentIndex, empty and missing
/// collections complete).
/// </summary>
public sealed class ScriptingAndParallelScenarioTests
{
    public static TheoryData<FlowchartExecutionMode> Modes => new() { FlowchartExecutionMode.CounterBased, FlowchartExecutionMode.TokenBased };

    private static JsonObject Script(string id, string script, params (string Name, JsonNode? Value)[] more) =>
        Activity(id, "Elsa.RunJavaScript", [("script", Literal(script)), .. more]);

    [Theory]
    [InlineData("setMagicNumber(42)")]
    [InlineData("variables.MagicNumber = 42")]
    [InlineData("setVariable('MagicNumber', 42)")]
    public async Task RunJavaScript_SetsTheVariable_EveryWayElsaOffers(string script)
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("js-vars", Flowchart("fc", [Script("js", script)]), Variable("MagicNumber", "Int32", 3)).ToJsonString());

        var (state, _, _) = await h.RunUntilEndAsync("js-vars");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("42", state.Variables["MagicNumber"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RunJavaScript_ResultGoesToItsBinding_AndSetOutcomeChoosesThePort(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        var decide = Script("decide", "const score = getInput('Score'); setOutcome(score >= 80 ? '推荐' : '退回'); return score * 2;",
            ("possibleOutcomes", Object("[\"推荐\",\"退回\"]", "String[]")), ("result", OutputTo("Doubled")));
        await h.PublishAsync(Definition("js-outcome", Flowchart("fc",
            [decide, WriteLine("yes", Js("return '推荐 ' + getDoubled()", "String")), WriteLine("no", Js("return '退回 ' + getDoubled()", "String"))],
            Connection("decide", "yes", "推荐"), Connection("decide", "no", "退回")), Variable("Doubled", "Int32")).ToJsonString());

        var (high, highLines, _) = await h.RunUntilEndAsync("js-outcome", new JsonObject { ["Score"] = 85 });
        var (_, lowLines, _) = await h.RunUntilEndAsync("js-outcome", new JsonObject { ["Score"] = 60 });

        Assert.Equal(WorkflowSubStatus.Finished, high.SubStatus);
        Assert.Equal(["推荐 170"], highLines);
        Assert.Equal(["退回 120"], lowLines);
    }

    [Fact]
    public async Task RunJavaScript_WithoutSetOutcome_FollowsDone_AndAScriptErrorFaultsWithTheLine()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("js-done", Flowchart("fc", [Script("js", "1 + 1"), WriteLine("after", "之后")], Connection("js", "after"))).ToJsonString());
        await h.PublishAsync(Definition("js-bad", Flowchart("fc", [Script("js", "\nthrow new Error('材料缺失')")])).ToJsonString());

        var (done, lines, _) = await h.RunUntilEndAsync("js-done");
        var (bad, _, _) = await h.RunUntilEndAsync("js-bad");

        Assert.Equal(WorkflowSubStatus.Finished, done.SubStatus);
        Assert.Equal(["之后"], lines);
        Assert.Equal(WorkflowSubStatus.Faulted, bad.SubStatus);
        Assert.Contains("材料缺失", Assert.Single(bad.Incidents).Message);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FlowNode_RunsItsBody_ThenFollowsDone_AndWithoutBodyPassesThrough(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        var container = Activity("box", "Elsa.FlowNode", ("body", WriteLine("inner", "容器内")));
        await h.PublishAsync(Definition("flow-node", Flowchart("fc",
            [WriteLine("first", "开始"), container, Activity("waypoint", "Elsa.FlowNode"), WriteLine("last", "结束")],
            Connection("first", "box"), Connection("box", "waypoint"), Connection("waypoint", "last"))).ToJsonString());

        var (state, lines, _) = await h.RunUntilEndAsync("flow-node");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["开始", "容器内", "结束"], lines);
    }

    private static JsonObject ParallelWorkflow(JsonObject items, JsonObject body, string id = "parallel") =>
        Definition(id, Flowchart("fc",
            [Activity("each", "Elsa.ParallelForEach", ("items", items), ("body", body)), WriteLine("after", "全部完成")],
            Connection("each", "after")));

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ParallelForEach_RunsTheBodyForEveryItem_WithItsOwnCurrentValueAndIndex(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(ParallelWorkflow(Object("[\"屯溪区\",\"黄山区\",\"徽州区\"]"),
            WriteLine("line", Js("return getCurrentIndex() + ':' + getVariable('CurrentValue')", "String"))).ToJsonString());

        var (state, lines, _) = await h.RunUntilEndAsync("parallel");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["0:屯溪区", "1:黄山区", "2:徽州区", "全部完成"], lines);
        Assert.False(state.Variables.ContainsKey("CurrentValue"), "a branch's CurrentValue stays in the branch");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task ParallelForEach_WithNoItems_CompletesAtOnce(string items)
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(ParallelWorkflow(Object(items), WriteLine("line", "不应执行")).ToJsonString());

        var (state, lines, _) = await h.RunUntilEndAsync("parallel");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["全部完成"], lines);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ParallelForEach_BranchesWaitOnTheirOwnBookmarks_AndItCompletesOnlyWhenTheLastIsResumed(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        var body = Activity("branch", "Elsa.Sequence", ("activities", new JsonArray(
            Activity("wait", "Elsa.Event", ("eventName", Js("return '区县确认-' + getCurrentValue()", "String"))),
            WriteLine("confirmed", Js("return getCurrentValue() + ' 已确认'", "String")))));
        await h.PublishAsync(ParallelWorkflow(Object("[\"屯溪区\",\"歙县\"]"), body).ToJsonString());

        var started = await h.Runtime.StartAsync("parallel");
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);
        Assert.Equal(2, started.State.Bookmarks.Count);

        var first = Assert.Single(await h.Runtime.TriggerEventAsync("区县确认-歙县", workflowInstanceId: started.State.Id));
        Assert.Equal(WorkflowSubStatus.Suspended, first.State.SubStatus);
        Assert.Equal(["歙县 已确认"], first.Step.Output);
        Assert.Single(first.State.Bookmarks);

        var last = Assert.Single(await h.Runtime.TriggerEventAsync("区县确认-屯溪区", workflowInstanceId: started.State.Id));
        Assert.Equal(WorkflowSubStatus.Finished, last.State.SubStatus);
        Assert.Equal(["屯溪区 已确认", "全部完成"], last.Step.Output);
    }

    [Fact]
    public void AContainerWithOnlyEmbeddedPorts_ConnectedFromDone_IsNoWarning()
    {
        using var h = new RuntimeHarness();
        var json = Definition("containers", Flowchart("fc",
            [Activity("each", "Elsa.ParallelForEach", ("items", Object("[1]")), ("body", WriteLine("b1", "一"))),
             Activity("box", "Elsa.FlowNode", ("body", WriteLine("b2", "二"))),
             Activity("loop", "Elsa.ForEach", ("items", Object("[1]")), ("body", WriteLine("b3", "三"))), WriteLine("end", "完")],
            Connection("each", "box"), Connection("box", "loop"), Connection("loop", "end"))).ToJsonString();

        var graph = h.Runtime.Loader.Load(Definitions.WorkflowDefinitionDocument.Parse(json));

        Assert.Empty(graph.Diagnostics);
    }
}
