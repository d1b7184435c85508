using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Runtime.Tests.Scenarios;

/// <summary>Time is driven with FakeTimeProvider; nothing sleeps.</summary>
public sealed class TimerScenarioTests
{
    [Fact]
    public async Task Delay_SuspendsUntilDue_ThenTheSchedulerResumesIt()
    {
        using var h = new RuntimeHarness();
        var root = Flowchart("fc", [WriteLine("a", "提交"), Activity("d", "Elsa.Delay", ("timeSpan", Literal("3.00:00:00", "TimeSpan"))), WriteLine("b", "三天后提醒")],
            Connection("a", "d"), Connection("d", "b"));
        await h.PublishAsync(Definition("delay", root).ToJsonString());
        var run = await h.Runtime.StartAsync("delay");

        var bookmark = Assert.Single(run.State.Bookmarks);
        Assert.Equal(h.Clock.GetUtcNow().AddDays(3), bookmark.DueAt);
        Assert.Equal(1, h.Scheduler.PendingBookmarkCount);

        h.Clock.Advance(TimeSpan.FromDays(2));
        await h.Scheduler.WhenIdleAsync();
        Assert.Equal(WorkflowSubStatus.Suspended, (await h.Store.FindInstanceAsync(run.State.Id))!.State.SubStatus);

        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Scheduler.WhenIdleAsync();
        var state = (await h.Store.FindInstanceAsync(run.State.Id))!.State;
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Contains(await h.JournalAsync(run.State.Id), j => j.ActivityId == "b" && j.EventName == "Completed");
        Assert.Equal(0, h.Scheduler.PendingBookmarkCount);
    }

    [Fact]
    public async Task TimerTrigger_StartsAnInstanceEveryInterval()
    {
        using var h = new RuntimeHarness();
        var timer = Activity("t", "Elsa.Timer", ("interval", Literal("01:00:00", "TimeSpan")));
        timer["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        await h.PublishAsync(Definition("hourly", Flowchart("fc", [timer, WriteLine("w", "提醒")], Connection("t", "w"))).ToJsonString());

        for (var i = 0; i < 3; i++)
        {
            h.Clock.Advance(TimeSpan.FromHours(1));
            await h.Scheduler.WhenIdleAsync();
        }

        var instances = await h.Store.ListInstancesAsync(new WorkflowInstanceFilter { DefinitionId = "hourly" }, 0, 10);
        Assert.Equal(3, instances.TotalCount);
        Assert.All(instances.Items, i => Assert.Equal(WorkflowSubStatus.Finished, i.SubStatus));
    }

    [Fact]
    public async Task CronTrigger_FiresAtEachOccurrence_AndRetractStopsIt()
    {
        using var h = new RuntimeHarness();
        var cron = Activity("c", "Elsa.Cron", ("cronExpression", Literal("0 0 9 * * *")));
        cron["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        await h.PublishAsync(Definition("daily", Flowchart("fc", [cron, WriteLine("w", "每日提醒")], Connection("c", "w"))).ToJsonString());

        h.Clock.Advance(TimeSpan.FromHours(9));
        await h.Scheduler.WhenIdleAsync();
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Scheduler.WhenIdleAsync();
        Assert.Equal(2, (await h.Store.ListInstancesAsync(new WorkflowInstanceFilter { DefinitionId = "daily" }, 0, 10)).TotalCount);

        await h.Definitions.RetractAsync("daily");
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Scheduler.WhenIdleAsync();
        Assert.Equal(2, (await h.Store.ListInstancesAsync(new WorkflowInstanceFilter { DefinitionId = "daily" }, 0, 10)).TotalCount);
    }

    [Fact]
    public async Task StartAtAndCron_InsideAFlow_WaitUntilTheirTime()
    {
        using var h = new RuntimeHarness();
        var at = h.Clock.GetUtcNow().AddDays(10);
        var root = Flowchart("fc",
        [
            Activity("s", "Elsa.StartAt", ("dateTime", Literal(at.ToString("O"), "DateTimeOffset"))),
            Activity("c", "Elsa.Cron", ("cronExpression", Literal("0 0 8 * * *"))),
            WriteLine("w", "到期"),
        ], Connection("s", "c"), Connection("c", "w"));
        await h.PublishAsync(Definition("start-at", root).ToJsonString());
        var run = await h.Runtime.StartAsync("start-at");
        Assert.Equal(at, Assert.Single(run.State.Bookmarks).DueAt);

        h.Clock.Advance(TimeSpan.FromDays(10));
        await h.Scheduler.WhenIdleAsync();
        var waiting = (await h.Store.FindInstanceAsync(run.State.Id))!.State;
        Assert.Equal(at.AddHours(8), Assert.Single(waiting.Bookmarks).DueAt);

        h.Clock.Advance(TimeSpan.FromHours(8));
        await h.Scheduler.WhenIdleAsync();
        Assert.Equal(WorkflowSubStatus.Finished, (await h.Store.FindInstanceAsync(run.State.Id))!.State.SubStatus);
    }

    [Fact]
    public async Task RestoreSchedules_AfterARestart_ResumesDueBookmarksOnce()
    {
        var store = new MemoryWorkflowStore();
        string instanceId;
        using (var before = new RuntimeHarness(store: store))
        {
            var root = Flowchart("fc", [Activity("d", "Elsa.Delay", ("timeSpan", Literal("01:00:00", "TimeSpan"))), WriteLine("w", "x")], Connection("d", "w"));
            await before.PublishAsync(Definition("restart", root).ToJsonString());
            instanceId = (await before.Runtime.StartAsync("restart")).State.Id;
        }

        using var after = new RuntimeHarness(store: store);
        await after.Runtime.RestoreSchedulesAsync();
        after.Clock.Advance(TimeSpan.FromHours(2));
        await after.Scheduler.WhenIdleAsync();
        await after.Runtime.RestoreSchedulesAsync();
        after.Clock.Advance(TimeSpan.FromHours(2));
        await after.Scheduler.WhenIdleAsync();

        Assert.Equal(WorkflowSubStatus.Finished, (await store.FindInstanceAsync(instanceId))!.State.SubStatus);
        Assert.Single(await after.JournalAsync(instanceId), j => j.ActivityId == "w" && j.EventName == "Completed");
    }

    [Fact]
    public async Task CronExpression_IsReadAsElsaReadsIt_SixFieldsWithSeconds_FiveFieldsRefused()
    {
        using var h = new RuntimeHarness();
        var five = Definition("cron-five", Flowchart("fc", [Activity("c", "Elsa.Cron", ("cronExpression", Literal("0 9 * * *")))]));
        var error = Assert.Single(h.Definitions.Validate(new Definitions.WorkflowDefinitionDocument(five)), d => d.Severity == Definitions.DiagnosticSeverity.Error);
        Assert.Equal("$.root.activities[0].cronExpression", error.JsonPath);
        Assert.Contains("6 段", error.Message);
        Assert.False((await h.Definitions.SaveAsync(new Definitions.WorkflowDefinitionDocument(five), publish: true)).Succeeded);

        // Six fields, seconds first: "30 0 9 * * *" is 09:00:30 every day, not 00:30 on the 9th as a five-field reading would be.
        var six = Definition("cron-six", Flowchart("fc", [Activity("c", "Elsa.Cron", ("cronExpression", Literal("30 0 9 * * *")))]));
        Assert.DoesNotContain(h.Definitions.Validate(new Definitions.WorkflowDefinitionDocument(six)), d => d.Severity == Definitions.DiagnosticSeverity.Error);
        var midnight = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(midnight.AddHours(9).AddSeconds(30), Runtime.Activities.Scheduling.Cron.NextOccurrence("30 0 9 * * *", midnight));
        Assert.Throws<Cronos.CronFormatException>(() => Runtime.Activities.Scheduling.Cron.NextOccurrence("0 9 * * *", midnight));
    }
}
