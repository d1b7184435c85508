using System.Reflection;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

/// <summary>A domain-style blocking activity registered from outside the runtime, with outcomes as ports.</summary>
public sealed class ReviewTask : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new("GreenTier.ReviewTask", "绿色制造", "审核任务")
    {
        Kind = ActivityKind.Task,
        Description = "由指定角色完成的人工审核。",
        Inputs = [new InputDescriptor("Role", "String") { DisplayName = "办理角色" }, new InputDescriptor("DuePeriod", "TimeSpan") { DefaultValue = "5.00:00:00" }],
        Outputs = [new OutputDescriptor("Comment", "String")],
        Ports = ActivityDescriptor.FlowPorts("通过", "退回修改", "不通过"),
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var role = await context.GetTextAsync("Role");
        context.CreateBookmark(new JsonObject { ["role"] = role, ["taskId"] = context.Id }, metadata: new JsonObject { ["role"] = role });
    }

    public ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark)
    {
        var input = context.Workflow.ResumeInput ?? new JsonObject();
        context.SetOutput("Comment", input.GetString("comment"));
        return context.CompleteAsync(input.GetString("outcome") ?? "通过");
    }
}

public sealed class CustomActivityScenarioTests
{
    private static JsonObject ReviewLoop() => Definition("review-loop", Flowchart("fc",
    [
        WriteLine("submit", "区县提交"),
        Activity("review", "GreenTier.ReviewTask", ("role", Literal("city-reviewer")), ("comment", OutputTo("Comment", "String"))),
        WriteLine("revise", Liquid("退回修改：{{ Variables.Comment }}")),
        WriteLine("pass", "市级评审通过"),
        WriteLine("reject", "不通过"),
    ], Connection("submit", "review"), Connection("review", "revise", "退回修改"), Connection("revise", "review"),
       Connection("review", "pass", "通过"), Connection("review", "reject", "不通过")), Variable("Comment", "String"));

    [Fact]
    public async Task CustomActivity_ResumesThroughItsOutcomePorts_IncludingALoopBack()
    {
        using var h = new RuntimeHarness(extraActivities: [new ReviewTask()]);
        await h.PublishAsync(ReviewLoop().ToJsonString());
        var run = await h.Runtime.StartAsync("review-loop");

        var first = await h.Runtime.ResumeAsync(run.State.Bookmarks.Single().Id, new JsonObject { ["outcome"] = "退回修改", ["comment"] = "缺少能源审计报告" });
        Assert.Equal(["退回修改：缺少能源审计报告"], first.Run!.Step.Output);
        var again = first.Run.State.Bookmarks.Single();
        Assert.Equal("GreenTier.ReviewTask", again.Name);
        Assert.Equal("city-reviewer", again.Metadata!.GetString("role"));

        var second = await h.Runtime.ResumeAsync(again.Id, new JsonObject { ["outcome"] = "通过" });
        Assert.Equal(["市级评审通过"], second.Run!.Step.Output);
        Assert.Equal(WorkflowSubStatus.Finished, second.Run.State.SubStatus);
    }

    [Fact]
    public async Task CustomActivity_DescriptorIsListedByTheRegistry()
    {
        using var h = new RuntimeHarness(extraActivities: [new ReviewTask()]);
        var descriptor = Assert.Single(h.Registry.Descriptors(), d => d.TypeName == "GreenTier.ReviewTask");
        Assert.Equal("绿色制造", descriptor.Category);
        Assert.Equal(["通过", "退回修改", "不通过"], descriptor.Ports.Select(p => p.Name));
        Assert.Equal("GreenTier", descriptor.Namespace);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task StudioSaveRequest_LoadsWhenItsCustomActivityIsRegistered()
    {
        var request = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("studio-save-request.json")))!.AsObject();
        var model = new WorkflowDefinitionDocument((JsonObject)request["model"]!.DeepClone());
        var humanReview = new ReviewTaskLike();
        using var h = new RuntimeHarness(extraActivities: [humanReview]);

        Assert.DoesNotContain(h.Definitions.Validate(model), d => d.Severity == DiagnosticSeverity.Error);
        var saved = await h.Definitions.SaveAsync(model, publish: false);
        Assert.True(saved.Succeeded);
        var stored = JsonNode.Parse(saved.Definition!.Json)!.AsObject();
        Assert.Equal(request["model"]!["root"]!.ToJsonString(), stored["root"]!.ToJsonString());
        Assert.Equal(1, saved.Definition.Version);
        Assert.False(saved.Definition.IsPublished);
    }

    [Fact]
    public async Task CrashDuringCommit_LosesNothingCommitted_AndTheRetryRunsOnce()
    {
        var inner = new MemoryWorkflowStore();
        var store = FailingStore.Create(inner);
        using var h = new RuntimeHarness(store: store, extraActivities: [new ReviewTask()]);
        await h.PublishAsync(ReviewLoop().ToJsonString());
        var run = await h.Runtime.StartAsync("review-loop");
        var bookmarkId = run.State.Bookmarks.Single().Id;
        var journalBefore = (await inner.ListJournalAsync(run.State.Id, 0, 1000)).TotalCount;

        FailingStore.FailNextCommit = true;
        await Assert.ThrowsAsync<IOException>(() => h.Runtime.ResumeAsync(bookmarkId, new JsonObject { ["outcome"] = "通过" }));
        var afterCrash = (await inner.FindInstanceAsync(run.State.Id))!;
        Assert.Equal(WorkflowSubStatus.Suspended, afterCrash.State.SubStatus);
        Assert.Equal(journalBefore, (await inner.ListJournalAsync(run.State.Id, 0, 1000)).TotalCount);
        Assert.Null((await inner.FindBookmarkAsync(bookmarkId))!.ConsumedAt);

        var retry = await h.Runtime.ResumeAsync(bookmarkId, new JsonObject { ["outcome"] = "通过" });
        Assert.Equal(ResumeOutcome.Resumed, retry.Outcome);
        var journal = (await inner.ListJournalAsync(run.State.Id, 0, 1000)).Items;
        Assert.Single(journal, j => j.ActivityId == "pass" && j.EventName == "Completed");
    }

    /// <summary>Describes Bureau.ExpertReview, the project activity of the fixture Studio save request, as a server that registers it would.</summary>
    private sealed class ReviewTaskLike : IActivity
    {
        public ActivityDescriptor Descriptor { get; } = new("Bureau.ExpertReview", "Bureau", "Expert Review")
        {
            Kind = ActivityKind.Task,
            Ports = ActivityDescriptor.FlowPorts("Approved", "Rejected", "Expired"),
        };

        public ValueTask ExecuteAsync(ActivityExecutionContext context)
        {
            context.CreateBookmark(new JsonObject { ["task"] = context.Id });
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A store whose next commit fails like a crash before the transaction commits.</summary>
public class FailingStore : DispatchProxy
{
    public static volatile bool FailNextCommit;
    private IWorkflowStore _inner = null!;

    public static IWorkflowStore Create(IWorkflowStore inner)
    {
        var proxy = Create<IWorkflowStore, FailingStore>();
        ((FailingStore)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IWorkflowInstanceStore.CommitAsync) && FailNextCommit)
        {
            FailNextCommit = false;
            return Task.FromException<long>(new IOException("simulated crash before commit"));
        }
        return targetMethod.Invoke(_inner, args);
    }
}
