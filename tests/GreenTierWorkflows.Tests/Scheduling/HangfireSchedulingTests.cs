using GreenTierWorkflows.Runtime.Tests.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Tests.Scheduling;

/// <summary>
/// The app with its default scheduler, Hangfire (real time, real SQLite file): workflow timers run as Hangfire jobs, a
/// restart re-schedules what the database says is still due and nothing runs twice, and the dashboard is for
/// administrators. Runs on in-memory storage and on a real PostgreSQL (started by the test command).
/// </summary>
public abstract class HangfireSchedulingTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-hangfire-" + Guid.NewGuid().ToString("N"));

    protected abstract string Storage { get; }
    protected virtual string? HangfireConnectionString => null;

    private WebApplicationFactory<Program> App() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Development");
        b.UseSetting("Demo:Enabled", "true");
        b.UseSetting("Data:Directory", _data);
        b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
        b.UseSetting("Scheduling:Storage", Storage);
        if (HangfireConnectionString is { } connection) b.UseSetting("ConnectionStrings:Hangfire", connection);
    });

    private static JsonObject DelayedDefinition(string definitionId, string delay) => Definition(definitionId, Flowchart("flow",
        [Activity("wait", "Elsa.Delay", ("timeSpan", Literal(delay, "TimeSpan"))), WriteLine("after", "时间到")],
        Connection("wait", "after")));

    private static async Task<string> StartDelayedAsync(WebApplicationFactory<Program> app, string definitionId, string delay)
    {
        using var scope = app.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionService>()
            .SaveAsync(WorkflowDefinitionDocument.Parse(DelayedDefinition(definitionId, delay).ToJsonString()), publish: true);
        Assert.True(saved.Succeeded, string.Join("; ", saved.ValidationErrors));
        var run = await app.Services.GetRequiredService<WorkflowRuntime>().StartAsync(definitionId);
        Assert.Equal(WorkflowSubStatus.Suspended, run.State.SubStatus);
        return run.State.Id;
    }

    private static async Task<WorkflowSubStatus> WaitForEndAsync(WebApplicationFactory<Program> app, string instanceId)
    {
        var store = app.Services.GetRequiredService<IWorkflowStore>();
        for (var i = 0; i < 300; i++)
        {
            var state = (await store.FindInstanceAsync(instanceId))!.State;
            if (state.SubStatus != WorkflowSubStatus.Suspended) return state.SubStatus;
            await Task.Delay(100);
        }
        return WorkflowSubStatus.Suspended;
    }

    [Fact]
    public async Task DelayTimer_RunsAsAHangfireJob_AndFinishesTheInstance()
    {
        await using var app = App();
        app.CreateClient();

        var id = await StartDelayedAsync(app, "hangfire-delay", "00:00:02");

        Assert.Equal(WorkflowSubStatus.Finished, await WaitForEndAsync(app, id));
    }

    [Fact]
    public async Task DueTimer_IsScheduledAgainAfterARestart_AndRunsOnce()
    {
        string id;
        await using (var first = App())
        {
            first.CreateClient();
            id = await StartDelayedAsync(first, "hangfire-restart", "00:00:04");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var second = App();
        second.CreateClient();

        Assert.Equal(WorkflowSubStatus.Finished, await WaitForEndAsync(second, id));
        var journal = await second.Services.GetRequiredService<IWorkflowStore>().ListJournalAsync(id, 0, 100);
        Assert.Single(journal.Items, e => e.ActivityId == "after" && e.EventName == "Completed");
    }

    [Fact]
    public async Task TimersScheduledAgain_StayOneJobEach_AndATimeTriggerStartsOneInstancePerOccurrence()
    {
        await using var app = App();
        app.CreateClient();
        var runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        var store = app.Services.GetRequiredService<IWorkflowStore>();
        var instanceId = await StartDelayedAsync(app, "hangfire-once", "01:00:00");
        var bookmarkId = (await store.ListTimedBookmarksAsync()).Single(b => b.WorkflowInstanceId == instanceId).Id;
        var timer = Activity("tick", "Elsa.Timer", ("interval", Literal("00:00:03", "TimeSpan")));
        timer["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        using (var scope = app.Services.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionService>().SaveAsync(
                WorkflowDefinitionDocument.Parse(Definition("hangfire-every", Flowchart("flow", [timer, WriteLine("w", "提醒")], Connection("tick", "w"))).ToJsonString()),
                publish: true);
            Assert.True(saved.Succeeded, string.Join("; ", saved.ValidationErrors));
        }

        // What a second node (or a restart on persistent storage) does at start-up, twice.
        await runtime.RestoreSchedulesAsync();
        await runtime.RestoreSchedulesAsync();

        var scheduled = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000)
            .Select(j => j.Value.Job).Where(j => j?.Type == typeof(GreenTierWorkflows.Infrastructure.Scheduling.WorkflowTimerJob)).ToList();
        Assert.Single(scheduled, j => j.Method.Name == "ResumeBookmarkAsync" && (string)j.Args[0] == bookmarkId);
        Assert.Single(scheduled, j => j.Method.Name == "FireScheduledTriggerAsync");

        // The first occurrence starts exactly one instance (duplicates would run in the same polling round).
        var filter = new WorkflowInstanceFilter { DefinitionId = "hangfire-every" };
        for (var i = 0; i < 150 && (await store.ListInstancesAsync(filter, 0, 10)).TotalCount == 0; i++) await Task.Delay(100);
        await Task.Delay(1500);
        Assert.Equal(1, (await store.ListInstancesAsync(filter, 0, 10)).TotalCount);
    }

    [Fact]
    public async Task Dashboard_IsForAdministratorsOnly()
    {
        await using var app = App();
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        async Task<HttpStatusCode> AsAsync(string user)
        {
            var token = await DemoApp.BearerTokenAsync(anonymous, user);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await anonymous.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await AsAsync("shexian"));
        Assert.Equal(HttpStatusCode.Forbidden, await AsAsync("designer"));
        Assert.Equal(HttpStatusCode.OK, await AsAsync("admin"));
    }

    public virtual void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[Collection(HangfireCollection.Name)]
public sealed class HangfireInMemorySchedulingTests : HangfireSchedulingTests
{
    protected override string Storage => "InMemory";
}

/// <summary>The same on Hangfire.PostgreSql, each test on a database of its own.</summary>
[Collection(HangfireCollection.Name)]
public sealed class HangfirePostgreSqlSchedulingTests : HangfireSchedulingTests
{
    private readonly TestPostgresDatabase _database = new();

    protected override string Storage => "PostgreSql";
    protected override string? HangfireConnectionString => _database.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
    }
}
