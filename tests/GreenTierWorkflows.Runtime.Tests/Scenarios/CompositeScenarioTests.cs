using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

public sealed class CompositeScenarioTests
{
    private static async Task<(WorkflowState State, List<string> Output)> RunAsync(JsonObject activity, params JsonObject[] variables)
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("composite", Flowchart("fc", [activity]), variables).ToJsonString());
        var (state, output, _) = await h.RunUntilEndAsync("composite");
        return (state, output);
    }

    private static JsonObject Sequence(string id, params JsonObject[] activities) =>
        Activity(id, "Elsa.Sequence", ("activities", new JsonArray(activities.Select(a => (JsonNode)a).ToArray())));

    [Fact]
    public async Task Sequence_RunsChildrenInOrder()
    {
        var (state, output) = await RunAsync(Sequence("seq", WriteLine("a", "一"), WriteLine("b", "二"), WriteLine("c", "三")));
        Assert.Equal(["一", "二", "三"], output);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
    }

    [Theory]
    [InlineData(true, "then")]
    [InlineData(false, "else")]
    public async Task If_RunsThenOrElse(bool condition, string expected)
    {
        var (_, output) = await RunAsync(Activity("if", "Elsa.If", ("condition", Literal(condition, "Boolean")),
            ("then", WriteLine("t", "then")), ("else", WriteLine("e", "else"))));
        Assert.Equal([expected], output);
    }

    [Fact]
    public async Task Switch_RunsFirstMatchingCaseActivity()
    {
        var cases = new JsonArray(
            new JsonObject { ["label"] = "A", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return 1 > 2" }, ["activity"] = WriteLine("a", "A") },
            new JsonObject { ["label"] = "B", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return 2 > 1" }, ["activity"] = WriteLine("b", "B") },
            new JsonObject { ["label"] = "C", ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = "true" }, ["activity"] = WriteLine("c", "C") });
        var (_, output) = await RunAsync(Activity("sw", "Elsa.Switch", ("cases", cases), ("default", WriteLine("d", "D"))));
        Assert.Equal(["B"], output);
    }

    [Fact]
    public async Task Fork_WaitAll_CompletesAfterEveryBranch()
    {
        var fork = Activity("fork", "Elsa.Fork", ("joinMode", "WaitAll"), ("branches", new JsonArray(
            Sequence("s1", WriteLine("a1", "A1"), WriteLine("a2", "A2")), WriteLine("b", "B"))));
        var (state, output) = await RunAsync(Sequence("outer", fork, WriteLine("after", "后续")));
        Assert.Equal(["B", "A1", "A2", "后续"], output);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
    }

    [Fact]
    public async Task Fork_WaitAny_CancelsTheOtherBranches()
    {
        var fork = Activity("fork", "Elsa.Fork", ("joinMode", "WaitAny"), ("branches", new JsonArray(
            Activity("wait", "Elsa.Event", ("eventName", Literal("never"))), WriteLine("b", "B"))));
        var (state, output) = await RunAsync(Sequence("outer", fork, WriteLine("after", "后续")));
        Assert.Equal(["B", "后续"], output);
        Assert.Empty(state.Bookmarks);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
    }

    [Fact]
    public async Task While_RepeatsWhileTheConditionHolds()
    {
        var loop = Activity("w", "Elsa.While", ("condition", Js("return getN() < 3", "Boolean")),
            ("body", Sequence("body", SetVariable("inc", "N", Js("return getN() + 1")), WriteLine("say", Js("return 'n=' + getN()", "String")))));
        var (state, output) = await RunAsync(loop, Variable("N", "Int32", 0));
        Assert.Equal(["n=1", "n=2", "n=3"], output);
        Assert.Equal(3, state.Variables["N"]!.GetValue<long>());
    }

    [Fact]
    public async Task For_CountsWithStepAndBindsCurrentValue()
    {
        var loop = Activity("for", "Elsa.For", ("start", Literal(1, "Int32")), ("end", Literal(7, "Int32")), ("step", Literal(3, "Int32")),
            ("currentValue", OutputTo("I", "Int32")), ("body", WriteLine("say", Js("return 'i=' + getI()", "String"))));
        var (_, output) = await RunAsync(loop, Variable("I", "Int32"));
        Assert.Equal(["i=1", "i=4", "i=7"], output);
    }

    [Fact]
    public async Task ForEach_IteratesItemsAndBreakStopsTheLoop()
    {
        var body = Sequence("body",
            Activity("check", "Elsa.If", ("condition", Js("return getItem() === '黟县'", "Boolean")), ("then", Activity("brk", "Elsa.Break"))),
            WriteLine("say", Js("return getItem()", "String")));
        var loop = Activity("each", "Elsa.ForEach", ("items", Object("[\"屯溪区\",\"歙县\",\"黟县\",\"祁门县\"]")),
            ("currentValue", OutputTo("Item", "String")), ("body", body));
        var (state, output) = await RunAsync(Sequence("outer", loop, WriteLine("after", "完成")), Variable("Item", "String"));
        Assert.Equal(["屯溪区", "歙县", "完成"], output);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
    }

    [Fact]
    public async Task CorrelateAndSetName_SetInstanceIdentity()
    {
        var (state, _) = await RunAsync(Sequence("s",
            Activity("c", "Elsa.Correlate", ("correlationId", Literal("HS-2026-0001"))),
            Activity("n", "Elsa.SetName", ("value", Liquid("绿色工厂申报 {{ CorrelationId }}")))));
        Assert.Equal("HS-2026-0001", state.CorrelationId);
        Assert.Equal("绿色工厂申报 HS-2026-0001", state.Name);
    }

    [Fact]
    public async Task Fault_FaultsTheInstanceWithTheDesignersMessage()
    {
        var (state, output) = await RunAsync(Sequence("s", WriteLine("a", "前"),
            Activity("f", "Elsa.Fault", ("code", Literal("E1")), ("message", Literal("负面清单核查未通过"))), WriteLine("b", "后")));
        Assert.Equal(["前"], output);
        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        Assert.Equal("[E1] 负面清单核查未通过", Assert.Single(state.Incidents).Message);
    }
}
