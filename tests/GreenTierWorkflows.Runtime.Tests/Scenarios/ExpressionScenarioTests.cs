using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

public sealed class ExpressionScenarioTests
{
    [Fact]
    public async Task JavaScript_ReadsAndWritesVariablesAndInput_WithElsaGlobals()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc",
        [
            SetVariable("a", "Score", Js("return getInput('Base') + 1")),
            SetVariable("b", "Label", Js("setVariable('Twice', getScore() * 2); variables.District = input.District; return 'ok'")),
            WriteLine("c", Js("return `${getVariable('Score')}/${variables.Twice}/${getDistrict()}`", "String")),
        ], Connection("a", "b"), Connection("b", "c"));
        await h.PublishAsync(Definition("js", root, Variable("Score", "Int32"), Variable("Label", "String"), Variable("Twice", "Int32"), Variable("District", "String")).ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("js", new JsonObject { ["Base"] = 41, ["District"] = "歙县" });

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["42/84/歙县"], output);
        Assert.Equal(42, state.Variables["Score"]!.GetValue<long>());
        Assert.Equal("ok", state.Variables["Label"]!.GetValue<string>());
        Assert.Equal("歙县", state.Variables["District"]!.GetValue<string>());
    }

    /// <summary>
    /// <c>input</c> and <c>variables.X</c> are converted when first read (an expression that only calls getInput does not
    /// convert the whole input), yet behave as plain properties: one object per read, enumerable, serialisable, assignable;
    /// a variable neither read nor assigned keeps its value, and a nested change is not written back (as in Elsa).
    /// </summary>
    [Fact]
    public async Task JavaScript_InputAndVariables_ConvertedOnFirstRead_BehaveAsPlainProperties()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc",
        [
            SetVariable("a", "Label", Js(
                "input.Extra = 1; const same = input === input && input.Extra === 1;" +
                "const keys = Object.keys(variables).join(',');" +
                "variables.Untouched; variables.Data.count = 99; variables.Count = variables.Count + 1;" +
                "return same + '|' + keys + '|' + JSON.stringify(input.Items) + '|' + typeof variables.Data")),
            WriteLine("b", Js("input = 'replaced'; return input + '/' + getVariable('Count') + '/' + getVariable('Data').count + '/' + getUntouched()", "String")),
        ], Connection("a", "b"));
        await h.PublishAsync(Definition("js-lazy", root, Variable("Label", "String"), Variable("Count", "Int32", 5),
            Variable("Data", "Object", new JsonObject { ["count"] = 1 }), Variable("Untouched", "String", "原值")).ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("js-lazy", new JsonObject { ["Items"] = new JsonArray(1, 2) });

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("true|Label,Count,Data,Untouched|[1,2]|object", state.Variables["Label"]!.GetValue<string>());
        Assert.Equal(6, state.Variables["Count"]!.GetValue<long>());
        Assert.Equal(["replaced/6/1/原值"], output);
    }

    [Fact]
    public async Task Liquid_RendersVariablesAndInput()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc",
        [
            SetVariable("a", "Unit", Literal("屯溪区")),
            WriteLine("b", Liquid("{{ Variables.Unit }} 申报 {{ Input.Year }} 年度绿色工厂，共 {{ Input.Items | size }} 项")),
        ], Connection("a", "b"));
        await h.PublishAsync(Definition("liquid", root, Variable("Unit", "String")).ToJsonString());

        var (_, output, _) = await h.RunUntilEndAsync("liquid", new JsonObject { ["Year"] = 2026, ["Items"] = new JsonArray(1, 2, 3) });

        Assert.Equal(["屯溪区 申报 2026 年度绿色工厂，共 3 项"], output);
    }

    [Fact]
    public async Task ObjectAndVariableAndLiteral_AreConvertedToTheInputType()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc",
        [
            SetVariable("a", "Data", Object("{\"tier\":\"省级\",\"quota\":9}")),
            SetVariable("b", "Quota", Literal("9", "Int32")),
            Activity("c", "Elsa.FlowDecision", ("condition", Js("return getData().quota === getQuota()", "Boolean"))),
            WriteLine("d", Expression("Variable", "{\"id\":\"var-Data\",\"name\":\"Data\"}", "String")),
        ], Connection("a", "b"), Connection("b", "c"), Connection("c", "d", "True"));
        await h.PublishAsync(Definition("obj", root, Variable("Data"), Variable("Quota", "Int32")).ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("obj");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["{\"tier\":\"省级\",\"quota\":9}"], output);
    }

    [Fact]
    public async Task BadJavaScript_MakesAnIncidentOnTheActivity_WithoutThrowing()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc", [WriteLine("a", "before"), WriteLine("b", Js("return notDefined.x", "String")), WriteLine("c", "after")],
            Connection("a", "b"), Connection("b", "c"));
        await h.PublishAsync(Definition("bad-js", root).ToJsonString());

        var (state, output, id) = await h.RunUntilEndAsync("bad-js");

        Assert.Equal(WorkflowStatus.Finished, state.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        Assert.Equal(["before"], output);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("b", incident.ActivityId);
        Assert.Contains("notDefined", incident.Message);
        Assert.Contains(await h.JournalAsync(id), j => j.ActivityId == "b" && j.EventName == "Faulted");
    }

    [Fact]
    public async Task RunawayJavaScript_IsStoppedAndReported()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("loop-js", Flowchart("fc", [WriteLine("a", Js("while (true) {}", "String"))])).ToJsonString());

        var (state, _, _) = await h.RunUntilEndAsync("loop-js");

        Assert.Equal(WorkflowSubStatus.Faulted, state.SubStatus);
        Assert.Contains("中止", Assert.Single(state.Incidents).Message);
    }

    [Fact]
    public async Task UnsupportedLanguage_IsAReadableIncident()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Definition("csharp", Flowchart("fc", [WriteLine("a", Expression("CSharp", "1+1", "String"))])).ToJsonString());

        var (state, _, _) = await h.RunUntilEndAsync("csharp");

        Assert.Contains("CSharp", Assert.Single(state.Incidents).Message);
    }
}
