using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

public sealed class FlowchartScenarioTests
{
    [Theory]
    [InlineData(FlowchartExecutionMode.CounterBased)]
    [InlineData(FlowchartExecutionMode.TokenBased)]
    public async Task FlowDecision_FollowsOnlyTheChosenPort(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        var root = Flowchart("fc",
        [
            Activity("start", "Elsa.Start"),
            Activity("d", "Elsa.FlowDecision", ("condition", Js("return getInput('Score') >= 80", "Boolean"))),
            WriteLine("yes", "通过"), WriteLine("no", "不通过"),
        ], Connection("start", "d"), Connection("d", "yes", "True"), Connection("d", "no", "False"));
        await h.PublishAsync(Definition("decision", root).ToJsonString());

        Assert.Equal(["通过"], (await h.RunUntilEndAsync("decision", new JsonObject { ["Score"] = 91 })).Output);
        Assert.Equal(["不通过"], (await h.RunUntilEndAsync("decision", new JsonObject { ["Score"] = 60 })).Output);
    }

    [Fact]
    public async Task FlowSwitch_FollowsMatchingCaseOrDefault()
    {
        using var h = new RuntimeHarness();
        var cases = new JsonArray(
            new JsonObject { ["label"] = "City", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return getInput('Tier') === '市级'" } },
            new JsonObject { ["label"] = "Province", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "return getInput('Tier') === '省级'" } });
        var root = Flowchart("fc",
        [
            Activity("s", "Elsa.FlowSwitch", ("cases", cases), ("mode", Literal("MatchFirst"))),
            WriteLine("city", "市级"), WriteLine("prov", "省级"), WriteLine("other", "其他"),
        ], Connection("s", "city", "City"), Connection("s", "prov", "Province"), Connection("s", "other", "Default"));
        await h.PublishAsync(Definition("switch", root).ToJsonString());

        Assert.Equal(["省级"], (await h.RunUntilEndAsync("switch", new JsonObject { ["Tier"] = "省级" })).Output);
        Assert.Equal(["其他"], (await h.RunUntilEndAsync("switch", new JsonObject { ["Tier"] = "国家级" })).Output);
    }

    [Theory]
    [InlineData(FlowchartExecutionMode.CounterBased)]
    [InlineData(FlowchartExecutionMode.TokenBased)]
    public async Task BackwardConnection_LoopsUntilTheConditionFails(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        var root = Flowchart("fc",
        [
            SetVariable("init", "N", Literal(0, "Int32")),
            Activity("check", "Elsa.FlowDecision", ("condition", Js("return getN() < 3", "Boolean"))),
            SetVariable("inc", "N", Js("return getN() + 1")),
            WriteLine("say", Js("return '第' + getN() + '轮退回修改'", "String")),
            WriteLine("done", "结束"),
        ], Connection("init", "check"), Connection("check", "inc", "True"), Connection("inc", "say"), Connection("say", "check"), Connection("check", "done", "False"));
        await h.PublishAsync(Definition("loop", root, Variable("N", "Int32")).ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("loop");

        Assert.Equal(["第1轮退回修改", "第2轮退回修改", "第3轮退回修改", "结束"], output);
        Assert.Equal(WorkflowStatus.Finished, state.Status);
    }

    [Fact]
    public async Task NestedFlowchart_CompletesBeforeTheOuterFlowContinues()
    {
        using var h = new RuntimeHarness();
        var inner = Flowchart("inner", [WriteLine("i1", "区县初审"), WriteLine("i2", "市级评审")], Connection("i1", "i2"));
        var root = Flowchart("outer", [WriteLine("o1", "开始"), inner, WriteLine("o2", "现场核查")], Connection("o1", "inner"), Connection("inner", "o2"));
        await h.PublishAsync(Definition("nested", root).ToJsonString());

        var (state, output, id) = await h.RunUntilEndAsync("nested");

        Assert.Equal(["开始", "区县初审", "市级评审", "现场核查"], output);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Contains(await h.JournalAsync(id), j => j.ActivityId == "inner" && j.EventName == "Completed" && j.Outcome == "Done");
    }

    [Theory]
    [InlineData(FlowchartExecutionMode.CounterBased)]
    [InlineData(FlowchartExecutionMode.TokenBased)]
    public async Task FlowForkAndWaitAllJoin_RunBothBranchesThenJoinOnce(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        var root = Flowchart("fc",
        [
            Activity("fork", "Elsa.FlowFork", ("branches", Object("[\"Review\",\"Site\"]", "String[]"))),
            WriteLine("r", "专家评审"), WriteLine("s", "现场核查"),
            Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll", "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core"))),
            WriteLine("end", "汇总"),
        ], Connection("fork", "r", "Review"), Connection("fork", "s", "Site"), Connection("r", "join"), Connection("s", "join"), Connection("join", "end"));
        await h.PublishAsync(Definition("fork-join", root).ToJsonString());

        var (state, output, id) = await h.RunUntilEndAsync("fork-join");

        Assert.Equal(["专家评审", "现场核查", "汇总"], output);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Single(await h.JournalAsync(id), j => j.ActivityId == "join" && j.EventName == "Completed");
    }

    [Fact]
    public async Task WaitAnyJoin_CancelsTheSlowerBranch()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc",
        [
            Activity("fork", "Elsa.FlowFork", ("branches", Object("[\"Fast\",\"Slow\"]", "String[]"))),
            WriteLine("fast", "已答复"),
            Activity("slow", "Elsa.Event", ("eventName", Literal("never"))),
            Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAny"))),
            WriteLine("end", "继续"),
        ], Connection("fork", "fast", "Fast"), Connection("fork", "slow", "Slow"), Connection("fast", "join"), Connection("slow", "join"), Connection("join", "end"));
        await h.PublishAsync(Definition("wait-any", root).ToJsonString());

        var (state, output, id) = await h.RunUntilEndAsync("wait-any");

        Assert.Equal(["已答复", "继续"], output);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Bookmarks);
        Assert.Contains(await h.JournalAsync(id), j => j.ActivityId == "slow" && j.EventName == "Canceled");
    }

    [Fact]
    public async Task Finish_EndsTheWorkflowAndDropsOtherBranches()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc",
        [
            Activity("fork", "Elsa.FlowFork", ("branches", Object("[\"A\",\"B\"]"))),
            Activity("finish", "Elsa.Finish"),
            Activity("wait", "Elsa.Event", ("eventName", Literal("later"))),
        ], Connection("fork", "wait", "A"), Connection("fork", "finish", "B"));
        await h.PublishAsync(Definition("finish", root).ToJsonString());

        var (state, _, _) = await h.RunUntilEndAsync("finish");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Empty(state.Bookmarks);
    }

    [Fact]
    public async Task Journal_RecordsStartedAndCompletedWithOutcomesAndTimestamps()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc", [Activity("d", "Elsa.FlowDecision", ("condition", Literal(true, "Boolean"))), WriteLine("w", "x")], Connection("d", "w", "True"));
        await h.PublishAsync(Definition("journal", root).ToJsonString());

        var (_, _, id) = await h.RunUntilEndAsync("journal");
        var journal = await h.JournalAsync(id);

        Assert.Equal(["fc:Started", "d:Started", "d:Completed", "w:Started", "w:Completed", "fc:Completed"], journal.Select(j => $"{j.ActivityId}:{j.EventName}"));
        Assert.Equal("True", journal.Single(j => j.ActivityId == "d" && j.EventName == "Completed").Outcome);
        Assert.All(journal, j => Assert.Equal(h.Clock.GetUtcNow(), j.Timestamp));
        Assert.Equal(Enumerable.Range(0, journal.Count).Select(i => (long)i), journal.Select(j => j.Sequence));
    }

    [Fact]
    public async Task UnknownActivityType_IsAnErrorWithItsJsonPath_AndFaultsWhenRun()
    {
        using var h = new RuntimeHarness();
        var doc = Definition("unknown", Flowchart("fc", [WriteLine("a", "x"), Activity("b", "Acme.Missing")], Connection("a", "b")));
        var diagnostics = h.Definitions.Validate(new Definitions.WorkflowDefinitionDocument(doc));
        var error = Assert.Single(diagnostics, d => d.Severity == Definitions.DiagnosticSeverity.Error);
        Assert.Equal("$.root.activities[1].type", error.JsonPath);
        Assert.Contains("Acme.Missing", error.Message);

        var publish = await h.Definitions.SaveAsync(new Definitions.WorkflowDefinitionDocument(doc), publish: true);
        Assert.False(publish.Succeeded);
    }

    [Theory]
    [InlineData("WaitEither")]
    [InlineData("7")]
    public async Task FlowJoin_WithAnUnknownMode_IsAValidationError_NotASilentWaitAny(string mode)
    {
        using var h = new RuntimeHarness();
        var doc = Definition("join-mode", Flowchart("fc",
        [
            Activity("f", "Elsa.FlowFork", ("branches", Object("[\"A\",\"B\"]"))),
            Activity("join", "Elsa.FlowJoin", ("mode", Literal(mode, "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core"))),
        ], Connection("f", "join", "A"), Connection("f", "join", "B")));
        var error = Assert.Single(h.Definitions.Validate(new Definitions.WorkflowDefinitionDocument(doc)), d => d.Severity == Definitions.DiagnosticSeverity.Error);
        Assert.Equal("$.root.activities[1].mode", error.JsonPath);
        Assert.Contains(mode, error.Message);
        Assert.Contains("WaitAll", error.Message);
        Assert.False((await h.Definitions.SaveAsync(new Definitions.WorkflowDefinitionDocument(doc), publish: true)).Succeeded);

        foreach (var known in new[] { "WaitAny", "waitall", "WaitAllActive" })
        {
            doc["root"]!["activities"]![1]!["mode"] = Literal(known);
            Assert.DoesNotContain(h.Definitions.Validate(new Definitions.WorkflowDefinitionDocument(doc)), d => d.Severity == Definitions.DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public async Task ActivityState_IsKeyedByTheInputName_AsElsaKeysIt()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("state-keys", Flowchart("fc", [WriteLine("w", "你好")])).ToJsonString());
        var (_, _, id) = await h.RunUntilEndAsync("state-keys");
        var state = (await h.JournalAsync(id)).Single(j => j.ActivityId == "w" && j.EventName == "Completed").ActivityState!;
        Assert.Equal(["Text"], state.Select(p => p.Key));
        Assert.Equal("你好", state["Text"]!.GetValue<string>());

        // State stored before (camelCase keys) reads with Elsa's keys; state already keyed so is returned untouched.
        var old = new JsonObject { ["text"] = "旧", ["$schema"] = "x" };
        Assert.Equal(["Text", "$schema"], LogPersistence.ElsaKeys(old)!.Select(p => p.Key));
        Assert.Equal("旧", LogPersistence.ElsaKeys(old)!["Text"]!.GetValue<string>());
        Assert.Same(state, LogPersistence.ElsaKeys(state));
    }
}
