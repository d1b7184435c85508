using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities.Composition;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Runtime.Definitions;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

/// <summary>
/// Workflows that compose, in both flowchart engines: a workflow used as an activity (inputs in, outputs and outcomes
/// out, a bookmark inside it resumed through the parent, version selection), <c>Elsa.Complete</c>, <c>Elsa.SetOutput</c>,
/// a Sequence root, and child instances through <c>Elsa.ExecuteWorkflow</c> / <c>Elsa.DispatchWorkflow</c>.
/// </summary>
public sealed class CompositionScenarioTests
{
    public static TheoryData<FlowchartExecutionMode> Modes => new() { FlowchartExecutionMode.CounterBased, FlowchartExecutionMode.TokenBased };

    /// <summary>
    /// The shared review path: inputs 企业 and 办理期限（天）, output 结论, outcomes 通过/不通过, chosen by Complete.
    /// Optionally waits for the event 现场核查 between the two lines.
    /// </summary>
    private static JsonObject ReviewPath(string text = "评审", bool waitForVisit = false, int version = 1, bool published = true)
    {
        var activities = new List<JsonObject>
        {
            WriteLine("intro", Js($"return `{text}：${{getInput('Applicant')}}，期限 ${{getInput('DueDays')}} 天`", "String")),
            Activity("verdict", "Elsa.SetOutput", ("outputName", Literal("Verdict")), ("outputValue", Js("return getInput('DueDays') > 10 ? '同意推荐' : '不予推荐'"))),
            Activity("done", "Elsa.Complete", ("outcomes", Js("return getInput('DueDays') > 10 ? '通过' : '不通过'"))),
        };
        var connections = new List<JsonObject> { Connection("intro", "verdict"), Connection("verdict", "done") };
        if (waitForVisit)
        {
            activities.Insert(1, Activity("visit", "Elsa.Event", ("eventName", Literal("现场核查"))));
            connections[0] = Connection("intro", "visit");
            connections.Insert(1, Connection("visit", "verdict"));
        }
        var definition = Definition("review-path", Flowchart("review-root", activities.ToArray(), connections.ToArray()), Variable("Scratch", "String", "子流程变量"));
        definition["id"] = $"review-path-v{version}";
        definition["version"] = version;
        definition["name"] = "Review path";
        definition["isPublished"] = published;
        definition["inputs"] = new JsonArray(
            new JsonObject { ["type"] = "String", ["name"] = "Applicant", ["displayName"] = "企业" },
            new JsonObject { ["type"] = "Int32", ["name"] = "DueDays", ["displayName"] = "办理期限（天）", ["uiHint"] = "singleline" });
        definition["outputs"] = new JsonArray(new JsonObject { ["type"] = "String", ["name"] = "Verdict", ["displayName"] = "结论" });
        definition["outcomes"] = new JsonArray("通过", "不通过");
        definition["options"] = new JsonObject { ["usableAsActivity"] = true, ["autoUpdateConsumingWorkflows"] = false, ["activityCategory"] = "评审" };
        return definition;
    }

    /// <summary>The node Studio writes when the review path is dropped from the palette (construction properties copied in).</summary>
    private static JsonObject ReviewNode(string id, int dueDays, string? versionId = "review-path-v1", int? version = 1)
    {
        var node = Activity(id, "ReviewPath", ("workflowDefinitionId", "review-path"), ("latestAvailablePublishedVersion", 1),
            ("applicant", Literal("黄山市某新材料有限公司")), ("dueDays", Literal(dueDays.ToString(), "Int32")), ("verdict", OutputTo("Verdict", "String")));
        if (versionId is not null) node["workflowDefinitionVersionId"] = versionId;
        if (version is null) node.Remove("version");
        else node["version"] = version;
        return node;
    }

    private static JsonObject Parent(int dueDays, string? versionId = "review-path-v1", int? version = 1) => Definition("nomination", Flowchart("fc",
    [
        ReviewNode("review", dueDays, versionId, version),
        WriteLine("yes", Js("return '推荐：' + getVerdict()", "String")),
        WriteLine("no", Js("return '退回：' + getVerdict()", "String")),
    ], Connection("review", "yes", "通过"), Connection("review", "no", "不通过")), Variable("Verdict", "String"));

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task WorkflowAsActivity_MapsInputs_ReturnsOutputs_AndTheParentFollowsTheOutcome(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(ReviewPath().ToJsonString());
        await h.PublishAsync(Parent(15).ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("nomination");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["评审：黄山市某新材料有限公司，期限 15 天", "推荐：同意推荐"], output);
        Assert.Equal("同意推荐", state.Variables["Verdict"]!.GetValue<string>());
        Assert.False(state.Variables.ContainsKey("Scratch"), "the child's own variables stay inside the composite");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task WorkflowAsActivity_OtherOutcome_TakesTheOtherPort(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(ReviewPath().ToJsonString());
        await h.PublishAsync(Parent(5).ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("nomination");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["评审：黄山市某新材料有限公司，期限 5 天", "退回：不予推荐"], output);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task BookmarkInsideTheChild_IsTheParentInstancesBookmark_AndResumesThroughIt(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(ReviewPath(waitForVisit: true).ToJsonString());
        await h.PublishAsync(Parent(30).ToJsonString());

        var started = await h.Runtime.StartAsync("nomination");

        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);
        var bookmark = Assert.Single(started.State.Bookmarks);
        Assert.Equal(started.State.Id, bookmark.WorkflowInstanceId);
        Assert.StartsWith("Workflow1:fc:review:", bookmark.ActivityNodeId);
        Assert.Single((await h.Store.ListInstancesAsync(new WorkflowInstanceFilter(), 0, 10)).Items);

        var resumed = Assert.Single(await h.Runtime.TriggerEventAsync("现场核查", workflowInstanceId: started.State.Id));

        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
        Assert.Equal(["推荐：同意推荐"], resumed.Step.Output);
        Assert.Equal("同意推荐", resumed.State.Variables["Verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task InsideTheChild_AnInputItDoesNotDeclare_IsTheWorkflowInput()
    {
        using var h = new RuntimeHarness();
        var child = ReviewPath();
        child["root"]!["activities"]![0]!["text"] = Js("return getInput('NominationId') + '：' + getInput('Applicant')", "String");
        await h.PublishAsync(child.ToJsonString());
        await h.PublishAsync(Parent(15).ToJsonString());

        var (_, output, _) = await h.RunUntilEndAsync("nomination", new JsonObject { ["NominationId"] = "GF-2026-007", ["Applicant"] = "不应看到" });

        Assert.Equal("GF-2026-007：黄山市某新材料有限公司", output[0]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task NestedComposites_RunInsideOneInstance_AndABookmarkTwoLevelsDownResumes(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(ReviewPath(waitForVisit: true).ToJsonString());
        var middle = Definition("middle", Flowchart("middle-root", [WriteLine("m1", "中间层开始"), ReviewNode("inner", 20), WriteLine("m2", "中间层结束")],
            Connection("m1", "inner"), Connection("inner", "m2", "通过")));
        middle["name"] = "Middle";
        middle["isPublished"] = true;
        middle["options"] = new JsonObject { ["usableAsActivity"] = true };
        await h.PublishAsync(middle.ToJsonString());
        await h.PublishAsync(Definition("outer", Flowchart("outer-root",
        [
            Activity("mid", "Middle", ("workflowDefinitionId", "middle"), ("workflowDefinitionVersionId", "middle-v1")), WriteLine("end", "外层结束"),
        ], Connection("mid", "end"))).ToJsonString());

        var output = new List<string>();
        var started = await h.Runtime.StartAsync("outer", standardOut: output.Add);
        var bookmark = Assert.Single(started.State.Bookmarks);
        Assert.StartsWith("Workflow1:outer-root:mid:middle-root:inner:review-root:", bookmark.ActivityNodeId);
        var resumed = Assert.Single(await h.Runtime.TriggerEventAsync("现场核查", workflowInstanceId: started.State.Id));

        Assert.Equal(["中间层开始", "评审：黄山市某新材料有限公司，期限 20 天"], output);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
        Assert.Equal(["中间层结束", "外层结束"], resumed.Step.Output);
    }

    [Fact]
    public async Task PinnedVersion_KeepsRunningTheVersionTheNodeNames_AfterANewChildVersionIsPublished()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(ReviewPath().ToJsonString());
        await h.PublishAsync(Parent(15).ToJsonString());
        await h.PublishAsync(ReviewPath("复审", version: 2).ToJsonString());

        var (_, output, _) = await h.RunUntilEndAsync("nomination");

        Assert.Equal("评审：黄山市某新材料有限公司，期限 15 天", output[0]);
    }

    [Fact]
    public async Task NodeWithoutPinnedVersion_RunsThePublishedChild()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(ReviewPath().ToJsonString());
        await h.PublishAsync(ReviewPath("复审", version: 2).ToJsonString());
        await h.PublishAsync(Parent(15, versionId: null, version: null).ToJsonString());

        var (_, output, _) = await h.RunUntilEndAsync("nomination");

        Assert.Equal("复审：黄山市某新材料有限公司，期限 15 天", output[0]);
    }

    [Fact]
    public async Task PublishingAnAutoUpdatingChild_MovesItsConsumersToTheNewVersion_WhileRunningInstancesFinishOnTheirs()
    {
        using var h = new RuntimeHarness();
        var v1 = ReviewPath(waitForVisit: true);
        v1["options"]!["autoUpdateConsumingWorkflows"] = true;
        await h.PublishAsync(v1.ToJsonString());
        await h.PublishAsync(Parent(15).ToJsonString());
        var running = await h.Runtime.StartAsync("nomination");
        Assert.Equal(WorkflowSubStatus.Suspended, running.State.SubStatus);

        var v2 = ReviewPath("复审", waitForVisit: true);
        v2["options"]!["autoUpdateConsumingWorkflows"] = true;
        v2["id"] = "review-path-next";
        var child = await h.PublishAsync(v2.ToJsonString());

        Assert.Equal(2, child.Version);
        var parent = (await h.Store.FindDefinitionAsync("nomination", VersionOptions.Published))!;
        Assert.Equal(2, parent.Version);
        var node = WorkflowReference.NodesUsing(WorkflowDefinitionDocument.Parse(parent.Json).Root, "review-path").Single();
        Assert.Equal(child.Id, node.GetString("workflowDefinitionVersionId"));
        Assert.Equal(2, node["version"]!.GetValue<int>());
        Assert.Equal(2, node["latestAvailablePublishedVersion"]!.GetValue<int>());

        var output = new List<string>();
        var fresh = await h.Runtime.StartAsync("nomination", standardOut: output.Add);
        Assert.Equal(["复审：黄山市某新材料有限公司，期限 15 天"], output);
        Assert.Equal(2, fresh.State.DefinitionVersion);

        var finished = Assert.Single(await h.Runtime.TriggerEventAsync("现场核查", workflowInstanceId: running.State.Id));
        Assert.Equal(WorkflowSubStatus.Finished, finished.State.SubStatus);
        Assert.Equal(1, finished.State.DefinitionVersion);
        Assert.Equal(["推荐：同意推荐"], finished.Step.Output);
    }

    [Fact]
    public async Task OneChangeToTheSharedPath_ReachesAllThreeTypes_AndADraftConsumerStaysADraft()
    {
        using var h = new RuntimeHarness();
        var v1 = ReviewPath();
        v1["options"]!["autoUpdateConsumingWorkflows"] = true;
        await h.PublishAsync(v1.ToJsonString());
        string[] types = ["green-factory", "green-park", "green-supply-chain"];
        foreach (var type in types)
        {
            var parent = Parent(15);
            parent["definitionId"] = type;
            parent["id"] = type + "-v1";
            await h.PublishAsync(parent.ToJsonString());
        }
        var draft = Parent(15);
        draft["definitionId"] = "draft-consumer";
        draft["id"] = "draft-consumer-v1";
        await h.Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(draft.ToJsonString()), publish: false);

        var v2 = ReviewPath();
        v2["options"]!["autoUpdateConsumingWorkflows"] = true;
        v2["root"]!["activities"]![0]!["text"] = Js("return `评审：${getInput('Applicant')}，期限 ${getInput('DueDays') + 5} 天`", "String");
        await h.PublishAsync(v2.ToJsonString());

        foreach (var type in types)
        {
            var output = new List<string>();
            var run = await h.Runtime.StartAsync(type, standardOut: output.Add);
            Assert.Equal((type, 2, "评审：黄山市某新材料有限公司，期限 20 天"), (type, run.State.DefinitionVersion, output[0]));
        }
        var consumer = (await h.Store.FindDefinitionAsync("draft-consumer", VersionOptions.Latest))!;
        Assert.False(consumer.IsPublished);
        Assert.Equal(1, consumer.Version);
        Assert.Equal(2, WorkflowReference.NodesUsing(WorkflowDefinitionDocument.Parse(consumer.Json).Root, "review-path").Single()["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task MissingChild_IsRefusedAtPublish_NamingTheDefinition()
    {
        using var h = new RuntimeHarness();
        var result = await h.Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(Parent(15).ToJsonString()), publish: true);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.ValidationErrors);
        Assert.Contains("review-path", error.Message);
        Assert.Contains("不存在", error.Message);
        Assert.Null(await h.Store.FindDefinitionAsync("nomination", VersionOptions.Latest));
    }

    [Fact]
    public async Task ChildThatUsesItself_IsRefused()
    {
        using var h = new RuntimeHarness();
        var self = ReviewPath();
        self["root"]!["activities"]!.AsArray().Add(ReviewNode("again", 1));
        await h.Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(self.ToJsonString()), publish: false);
        var result = await h.Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(self.ToJsonString()), publish: true);

        Assert.False(result.Succeeded);
        Assert.Contains(result.ValidationErrors, e => e.Message.Contains("引用了自身"));
    }

    [Fact]
    public void Descriptor_FollowsElsasFactory()
    {
        var descriptor = WorkflowDefinitionActivityDescriptors.Create(WorkflowDefinitionDocument.Parse(ReviewPath().ToJsonString()));

        Assert.Equal("ReviewPath", descriptor.TypeName);
        Assert.Equal("Review path", descriptor.DisplayName);
        Assert.Equal("评审", descriptor.Category);
        Assert.True(descriptor.IsBrowsable);
        Assert.Equal(["Applicant", "DueDays"], descriptor.Inputs.Select(i => i.Name));
        Assert.Equal(["Verdict"], descriptor.Outputs.Select(o => o.Name));
        Assert.Equal(["通过", "不通过"], descriptor.Ports.Where(p => p.Type == "Flow").Select(p => p.Name));
        Assert.Equal("review-path-v1", descriptor.ConstructionProperties!["WorkflowDefinitionVersionId"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Complete_AtTheTop_EndsTheInstance(FlowchartExecutionMode mode)
    {
        using var h = new RuntimeHarness(mode);
        await h.PublishAsync(Definition("top", Flowchart("fc",
        [
            WriteLine("a", "开始"), Activity("end", "Elsa.Complete", ("outcomes", Literal("通过", "Object"))), WriteLine("never", "不应执行"),
        ], Connection("a", "end"), Connection("end", "never"))).ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("top");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["开始"], output);
    }

    [Fact]
    public async Task SequenceRoot_Runs_AndSetOutputAtTheTopSetsTheInstanceOutput()
    {
        using var h = new RuntimeHarness();
        var definition = Definition("seq-root", Activity("root", "Elsa.Sequence", ("activities", new JsonArray(
            WriteLine("a", "一"),
            Activity("out", "Elsa.SetOutput", ("outputName", Literal("Total")), ("outputValue", Literal(42, "Object"))),
            WriteLine("b", "二")))));
        definition["outputs"] = new JsonArray(new JsonObject { ["type"] = "Int32", ["name"] = "Total" });
        await h.PublishAsync(definition.ToJsonString());

        var (state, output, _) = await h.RunUntilEndAsync("seq-root");

        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["一", "二"], output);
        Assert.Equal("42", state.Output["Total"]!.ToJsonString());
    }

    /// <summary>A child run by id: greets with its input, waits for 继续, then sets its output Result = 42.</summary>
    private static JsonObject ChildWithWait() => Definition("child", Flowchart("child-fc",
    [
        WriteLine("hello", Js("return '子流程收到：' + getInput('Greeting')", "String")),
        Activity("wait", "Elsa.Event", ("eventName", Literal("继续"))),
        Activity("out", "Elsa.SetOutput", ("outputName", Literal("Result")), ("outputValue", Literal(42, "Object"))),
    ], Connection("hello", "wait"), Connection("wait", "out")));

    private static JsonObject Runner(string type, bool wait) => Definition("parent", Activity("root", "Elsa.Sequence", ("activities", new JsonArray(
        WriteLine("before", "父流程：开始"),
        Activity("run", type, ("workflowDefinitionId", Literal("child")), ("waitForCompletion", Literal(wait, "Boolean")),
            ("input", Object("{\"Greeting\":\"你好\"}", "ObjectDictionary")), ("correlationId", Literal("GF-2026-001")), ("result", OutputTo("ChildResult"))),
        WriteLine("after", Js(type == "Elsa.ExecuteWorkflow"
            ? "const r = getChildResult(); return '父流程收到：' + (r && r.output ? r.output.Result : '无')"
            : "const r = getChildResult(); return '父流程收到：' + (r ? r.Result : '无')", "String"))))), Variable("ChildResult"));

    [Theory]
    [InlineData("Elsa.ExecuteWorkflow")]
    [InlineData("Elsa.DispatchWorkflow")]
    public async Task ChildInstance_WithWaitForCompletion_WaitsAcrossTheChildsBookmark_AndReturnsItsOutput(string type)
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(ChildWithWait().ToJsonString());
        await h.PublishAsync(Runner(type, wait: true).ToJsonString());

        var parent = await h.Runtime.StartAsync("parent");

        Assert.Equal(WorkflowSubStatus.Suspended, parent.State.SubStatus);
        var instances = (await h.Store.ListInstancesAsync(new WorkflowInstanceFilter(), 0, 10)).Items;
        var childSummary = Assert.Single(instances, i => i.DefinitionId == "child");
        var child = (await h.Store.FindInstanceAsync(childSummary.Id))!.State;
        Assert.Equal(WorkflowSubStatus.Suspended, child.SubStatus);
        Assert.Equal(parent.State.Id, child.Properties![WorkflowRuntime.ParentInstanceIdProperty]!.GetValue<string>());
        Assert.Equal("GF-2026-001", child.CorrelationId);
        Assert.Equal("你好", child.Input["Greeting"]!.GetValue<string>());

        await h.Runtime.TriggerEventAsync("继续", workflowInstanceId: child.Id);

        var after = (await h.Store.FindInstanceAsync(parent.State.Id))!.State;
        Assert.Equal(WorkflowSubStatus.Finished, after.SubStatus);
        var journal = await h.JournalAsync(parent.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, (await h.Store.FindInstanceAsync(child.Id))!.State.SubStatus);
        Assert.Contains(journal, j => j.ActivityId == "after" && j.EventName == "Completed");
        Assert.Equal("42", (type == "Elsa.ExecuteWorkflow" ? after.Variables["ChildResult"]!["output"]!["Result"] : after.Variables["ChildResult"]!["Result"])!.ToJsonString());
    }

    [Fact]
    public async Task DispatchWorkflow_WithoutWaiting_CompletesAtOnce_AndTheChildRunsOnItsOwn()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(ChildWithWait().ToJsonString());
        await h.PublishAsync(Runner("Elsa.DispatchWorkflow", wait: false).ToJsonString());

        var output = new List<string>();
        var parent = await h.Runtime.StartAsync("parent", standardOut: output.Add);

        Assert.Equal(WorkflowSubStatus.Finished, parent.State.SubStatus);
        Assert.Equal(["父流程：开始", "父流程收到：无", "子流程收到：你好"], output); // the child runs after the parent's step is committed
        var childSummary = Assert.Single((await h.Store.ListInstancesAsync(new WorkflowInstanceFilter(), 0, 10)).Items, i => i.DefinitionId == "child");
        var child = (await h.Store.FindInstanceAsync(childSummary.Id))!.State;
        Assert.Equal(WorkflowSubStatus.Suspended, child.SubStatus);
        Assert.Null(child.Properties![WorkflowRuntime.WaitForCompletionProperty]);

        await h.Runtime.TriggerEventAsync("继续", workflowInstanceId: child.Id);
        Assert.Equal(WorkflowSubStatus.Finished, (await h.Store.FindInstanceAsync(child.Id))!.State.SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, (await h.Store.FindInstanceAsync(parent.State.Id))!.State.SubStatus);
    }

    [Fact]
    public async Task ExecuteWorkflow_OfAnUnpublishedDefinition_FaultsTheParentWithAClearIncident()
    {
        using var h = new RuntimeHarness();
        await h.PublishAsync(Runner("Elsa.ExecuteWorkflow", wait: true).ToJsonString());

        var parent = await h.Runtime.StartAsync("parent");

        var after = (await h.Store.FindInstanceAsync(parent.State.Id))!.State;
        Assert.Equal(WorkflowSubStatus.Faulted, after.SubStatus);
        Assert.Contains("找不到工作流「child」的已发布版本", Assert.Single(after.Incidents).Message);
    }
}
