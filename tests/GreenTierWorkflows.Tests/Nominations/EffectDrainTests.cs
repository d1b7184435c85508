using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Effects;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// The effect outbox drain on the real app (a SQLite file, and PostgreSQL where nodes share the outbox): a caller returns
/// only once its own effects are applied, whether it read the outbox itself or a drain that started after it arrived served
/// it; an outbox longer than one batch is applied whole by one call; on PostgreSQL a node waits for another's batch.
/// </summary>
public abstract class EffectDrainTests(NominationFixture app) : NominationSteps(app)
{
    /// <summary>A role no official has: the tasks these tests open through raw effects appear in nobody's inbox.</summary>
    private const string NobodysRole = "DrainTestRole";

    private NominationEffectApplier Applier => App.Factory.Services.GetRequiredService<NominationEffectApplier>();

    [Fact]
    public async Task OneCall_AppliesAnOutboxLongerThanOneBatch()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县多批效果测试企业");
        var opened = await AppendOpenedTasksAsync(id, 250);

        await Applier.DrainAsync();

        Assert.Equal(250, await CountTasksAsync(opened));
    }

    [Fact]
    public async Task CallersQueuedBehindADrain_ReturnWithTheirEffectsApplied_AndMostAreServedByOneLaterDrain()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县排队效果测试企业");
        var opened = await AppendOpenedTasksAsync(id, 300);
        using var requests = new DrainRequestRecorder(App.Factory.Services);
        var seenOnReturn = new ConcurrentBag<int>();

        // 16 callers at once; the first to take the gate applies three batches while the others queue behind it.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await Applier.DrainAsync();
            seenOnReturn.Add(await CountTasksAsync(opened));
        })));

        Assert.All(seenOnReturn, seen => Assert.Equal(300, seen));
        Assert.Equal(16, seenOnReturn.Count);
        var (drained, covered) = requests.Totals();
        Assert.True(drained + covered == 16, $"drained {drained} + covered {covered} ≠ 16 requests");
        Assert.True(covered >= 1, $"every one of the 16 queued callers read the outbox again (drained {drained}, covered {covered})");
    }

    [Fact]
    public async Task ARequestedRetry_IsNeverCovered_TheNextCallReadsTheOutbox()
    {
        await Applier.DrainAsync();
        using var requests = new DrainRequestRecorder(App.Factory.Services);
        Applier.RequestRetry();

        await Applier.DrainAsync();

        Assert.Equal((1L, 0L), requests.Totals());
        Assert.False(Applier.RetryRequested);
    }

    [Fact]
    public async Task ConcurrentDecisions_EachAnsweredWithItsOwnProjectionInPlace()
    {
        var ids = new List<string>();
        for (var i = 0; i < 8; i++) ids.Add(await SubmitNewAsync(i % 2 == 0 ? "shexian" : "tunxi", i % 2 == 0 ? "341021" : "341002", $"并发办理效果测试企业{i}"));
        var tasks = new List<string>();
        foreach (var id in ids) tasks.Add((await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>());

        var answers = await Task.WhenAll(ids.Zip(tasks).Select(pair => Task.Run(async () =>
        {
            var response = await CompleteAsync("city", pair.Second, "通过", "并发通过");
            var body = await response.Content.ReadAsStringAsync();
            // Read at once, before any other caller could drain for this one: the answer promises the projection is there.
            var task = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == pair.Second));
            var next = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking()
                .CountAsync(t => t.NominationId == pair.First && t.Status == ReviewTaskStatus.Open && t.Stage == "现场核查"));
            return (pair.First, response.StatusCode, body, task.Status, next);
        })));

        foreach (var (id, status, body, taskStatus, next) in answers)
        {
            Assert.True(status == HttpStatusCode.OK, $"{id}: {(int)status} {body}");
            Assert.Equal(ReviewTaskStatus.Completed, taskStatus);
            Assert.True(next == 1, $"{id}: {next} open 现场核查 tasks right after the decision was answered");
        }
    }

    [Fact]
    public async Task TwoNodesOnANewDatabase_TheOneWhoseFirstCursorLost_ReReadsAndAppliesEachEffectOnce()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县首个游标测试企业");
        await Applier.DrainAsync();
        var stored = await App.QueryAsync(db => db.EffectCursors.AsNoTracking().SingleAsync(c => c.Consumer == NominationEffectApplier.Consumer));
        var opened = await AppendOpenedTasksAsync(id, 5);
        // As on a new database: no cursor yet. The other node stores the first cursor after this node found none.
        await App.QueryAsync(db => db.EffectCursors.Where(c => c.Consumer == NominationEffectApplier.Consumer).ExecuteDeleteAsync());
        var services = App.Factory.Services;
        var store = new OtherNodeStoresTheFirstCursor((IWorkflowEffectStore)services.GetRequiredService<IWorkflowStore>(), services, stored.Sequence);
        var node = ActivatorUtilities.CreateInstance<NominationEffectApplier>(services, (IWorkflowEffectStore)store);

        var drain = await Record.ExceptionAsync(() => node.DrainAsync());

        Assert.True(drain is null, $"the node whose first cursor lost the race failed: {drain}");
        Assert.True(store.CursorStored, "the other node never stored its cursor: the race was not staged");
        Assert.Equal(5, await CountTasksAsync(opened));
        var cursor = await App.QueryAsync(db => db.EffectCursors.AsNoTracking().SingleAsync(c => c.Consumer == NominationEffectApplier.Consumer));
        Assert.True(cursor.Sequence > stored.Sequence, $"cursor {cursor.Sequence} did not move past {stored.Sequence}");
    }

    [Fact]
    public async Task WhileAnotherNodeAppliesABatch_TheDrainWaitsForItsCommit_ThenAppliesWhatFollows()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县节点轮流测试企业");
        await Applier.DrainAsync();
        var opened = await AppendOpenedTasksAsync(id, 5);
        using var scope = App.Factory.Services.CreateScope();
        var otherNode = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();

        // The other node, mid-batch: its transaction holds the applier's lock.
        await using var otherBatch = await EffectCursorLock.BeginAsync(otherNode);
        var drain = Applier.DrainAsync();
        if (otherBatch is null)
        {
            // SQLite: one node per file, nothing to wait for.
            Assert.False(otherNode.Database.IsNpgsql());
            await drain.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(5, await CountTasksAsync(opened));
            return;
        }
        var first = await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(1.5)));
        Assert.True(first != drain, $"the drain ran while another node held the applier's lock ({(drain.IsFaulted ? drain.Exception!.InnerException : "completed")})");
        Assert.Equal(0, await CountTasksAsync(opened));

        await otherBatch.CommitAsync();
        await drain.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(5, await CountTasksAsync(opened));
    }

    /// <summary>The outbox as read by a node that found no cursor: just before its first read, the other node stores the first cursor.</summary>
    private sealed class OtherNodeStoresTheFirstCursor(IWorkflowEffectStore inner, IServiceProvider services, long sequence) : IWorkflowEffectStore
    {
        public bool CursorStored { get; private set; }

        public async Task<IReadOnlyList<StoredWorkflowEffect>> ListEffectsAsync(long afterSequence, int take, CancellationToken ct = default)
        {
            if (!CursorStored)
            {
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
                db.EffectCursors.Add(new EffectCursor { Consumer = NominationEffectApplier.Consumer, Sequence = sequence });
                await db.SaveChangesAsync(ct);
                CursorStored = true;
                // This node read the outbox from where its (absent) cursor would be: the effects the other node will apply.
                return await inner.ListEffectsAsync(sequence, take, ct);
            }
            return await inner.ListEffectsAsync(afterSequence, take, ct);
        }
    }

    private async Task<HashSet<string>> AppendOpenedTasksAsync(string nominationId, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => "drain-" + Guid.NewGuid().ToString("N")).ToList();
        await AppendEffectsAsync(nominationId, ids.Select(task => ("review-task.opened", new JsonObject
        {
            ["taskId"] = task, ["title"] = "批量效果任务", ["stage"] = "批量效果", ["role"] = NobodysRole, ["district"] = "341021",
            ["outcomes"] = new JsonArray("通过"), ["formKey"] = "review", ["definitionId"] = "green-factory-nomination",
        }.ToJsonString())).ToArray());
        return ids.ToHashSet();
    }

    private Task<int> CountTasksAsync(HashSet<string> ids) =>
        App.QueryAsync(db => db.ReviewTasks.AsNoTracking().CountAsync(t => t.AssigneeRole == NobodysRole && ids.Contains(t.Id)));

    /// <summary>Counts this app's drain requests by result, from the applier's meter (other apps in the test run have their own).</summary>
    private sealed class DrainRequestRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _drained;
        private long _covered;

        public DrainRequestRecorder(IServiceProvider services)
        {
            var meter = services.GetRequiredService<IMeterFactory>().Create(NominationEffectApplier.MeterName);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == NominationEffectApplier.DrainRequestsInstrument)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key != "result") continue;
                    if ((string?)tag.Value == "covered") Interlocked.Add(ref _covered, value);
                    else Interlocked.Add(ref _drained, value);
                }
            });
            _listener.Start();
        }

        public (long Drained, long Covered) Totals() => (Interlocked.Read(ref _drained), Interlocked.Read(ref _covered));

        public void Dispose() => _listener.Dispose();
    }
}

public sealed class SqliteEffectDrainTests(NominationFixture app) : EffectDrainTests(app), IClassFixture<NominationFixture>;

public sealed class PostgreSqlEffectDrainTests(PostgreSqlNominationFixture app) : EffectDrainTests(app), IClassFixture<PostgreSqlNominationFixture>;
