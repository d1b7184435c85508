using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Tests.Notifications;

/// <summary>The outbox dispatcher against a real SQLite file with no SMTP server listening.</summary>
public sealed class NoticeDispatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 4, 12, 1, 0, 0, TimeSpan.Zero);
    private string _dbPath = "";
    private Func<GreenTierWorkflows.Infrastructure.Domain.GreenTierDbContext> _open = null!;

    public async Task InitializeAsync() => (_dbPath, _open) = await SqliteTestDatabase.CreateAsync("gtw-notices");

    public Task DisposeAsync()
    {
        SqliteTestDatabase.Delete(_dbPath);
        return Task.CompletedTask;
    }

    private async Task<string> AddAsync(string kind, System.Text.Json.Nodes.JsonObject model, string email = "wangxm@shexian.example")
    {
        var notice = OutboxNotice.Create(kind, new NoticeRecipient(email, "王晓明"), model, $"{kind}|{Guid.NewGuid():N}", Now);
        await using var db = _open();
        db.OutboxNotices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    }

    private async Task<OutboxNotice> ReadAsync(string id)
    {
        await using var db = _open();
        return await db.OutboxNotices.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    [Fact]
    public async Task DispatchDueAsync_BacksOffAndKeepsPending_WhenSmtpIsDown()
    {
        var id = await AddAsync(NoticeKinds.DeadlineReminder, NoticeSamples.For(NoticeKinds.DeadlineReminder));
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: LoopbackPort.Free()));

        await using (var db = _open())
        {
            var result = await dispatcher.DispatchDueAsync(db, Now);
            Assert.Equal(new NoticeDispatchResult(0, 1, 0, NoticeRoundEnd.ServerUnreachable), result);
        }
        var first = await ReadAsync(id);
        Assert.Equal(NoticeStatus.Pending, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(first.LastError));
        Assert.Equal(Now.AddSeconds(30), first.NextAttemptAt);
        Assert.Null(first.SentAt);

        // Not due yet: nothing is tried.
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 0, 0), await dispatcher.DispatchDueAsync(db, Now.AddSeconds(29)));
        Assert.Equal(1, (await ReadAsync(id)).Attempts);

        await using (var db = _open())
            await dispatcher.DispatchDueAsync(db, Now.AddSeconds(30));
        var second = await ReadAsync(id);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(NoticeStatus.Pending, second.Status);
        Assert.Equal(Now.AddSeconds(30 + 60), second.NextAttemptAt);
    }

    [Fact]
    public async Task DispatchDueAsync_DeadLetters_WhenMaxAttemptsReached()
    {
        var id = await AddAsync(NoticeKinds.TaskAssigned, NoticeSamples.For(NoticeKinds.TaskAssigned));
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: LoopbackPort.Free(), maxAttempts: 3));

        var at = Now;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await using (var db = _open()) await dispatcher.DispatchDueAsync(db, at);
            var notice = await ReadAsync(id);
            Assert.Equal(attempt, notice.Attempts);
            Assert.Equal(attempt < 3 ? NoticeStatus.Pending : NoticeStatus.DeadLetter, notice.Status);
            at = notice.NextAttemptAt;
        }
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 0, 0), await dispatcher.DispatchDueAsync(db, Now.AddDays(1)));
        Assert.Equal(3, (await ReadAsync(id)).Attempts);
    }

    [Fact]
    public async Task DispatchDueAsync_DeadLettersAtOnce_WhenModelDoesNotFitTemplate()
    {
        var model = NoticeSamples.For(NoticeKinds.TaskOverdue);
        model.Remove("overdue_days");
        var id = await AddAsync(NoticeKinds.TaskOverdue, model);
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: LoopbackPort.Free()));

        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 0, 1), await dispatcher.DispatchDueAsync(db, Now));

        var notice = await ReadAsync(id);
        Assert.Equal(NoticeStatus.DeadLetter, notice.Status);
        Assert.Equal(1, notice.Attempts);
        Assert.Contains("overdue_days", notice.LastError);
    }

    [Fact]
    public async Task DispatchDueAsync_ConnectsOnceChargesOneAndLeavesTheRestDue_WhenSmtpIsUnreachable()
    {
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
            ids.Add(await AddAsync(NoticeKinds.TaskAssigned, NoticeSamples.For(NoticeKinds.TaskAssigned), $"user{i}@shexian.example"));
        NoticeTestSupport.CountingSmtpClientFactory clients = null!;
        var logs = new LogCapture();
        using var loggers = new LoggerFactory([logs]);
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: LoopbackPort.Free()),
            o => clients = new NoticeTestSupport.CountingSmtpClientFactory(o), logger: loggers.CreateLogger<NoticeDispatcher>());

        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 1, 0, NoticeRoundEnd.ServerUnreachable), await dispatcher.DispatchDueAsync(db, Now));

        Assert.Equal(1, clients.Created);
        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains("cannot be reached", warning.Message);
        await using (var db = _open())
        {
            var all = await db.OutboxNotices.AsNoTracking().ToListAsync();
            Assert.Equal(60, all.Count);
            Assert.All(all, n => Assert.Equal(NoticeStatus.Pending, n.Status));
            var charged = Assert.Single(all, n => n.Attempts > 0);
            Assert.Equal((1, Now.AddSeconds(30)), (charged.Attempts, charged.NextAttemptAt));
            Assert.False(string.IsNullOrWhiteSpace(charged.LastError));
            // The others were never claimed: uncharged and due now, not after the claim lease.
            Assert.All(all.Where(n => n.Id != charged.Id), n =>
            {
                Assert.Equal(0, n.Attempts);
                Assert.Null(n.LastError);
                Assert.True(n.NextAttemptAt <= Now, $"{n.Id} due at {n.NextAttemptAt}");
            });
        }

        // The next round (server still down) tries the next one only, not the one waiting for its retry.
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 1, 0, NoticeRoundEnd.ServerUnreachable), await dispatcher.DispatchDueAsync(db, Now.AddSeconds(10)));
        Assert.Equal(2, clients.Created);
        await using (var db = _open())
            Assert.Equal(2, await db.OutboxNotices.CountAsync(n => n.Attempts == 1));
    }

    [Fact]
    public async Task DispatchDueAsync_LeavesTheRestDue_WhenTheRoundBudgetIsSpent()
    {
        var model = NoticeSamples.For(NoticeKinds.TaskOverdue);
        model.Remove("overdue_days"); // dead letters at once, without SMTP: each notice one step of the clock
        for (var i = 0; i < 5; i++) await AddAsync(NoticeKinds.TaskOverdue, model, $"user{i}@shexian.example");
        var options = NoticeTestSupport.Options(smtpPort: LoopbackPort.Free());
        options.RoundBudgetSeconds = 3;
        var dispatcher = NoticeTestSupport.Dispatcher(options, clock: new SteppingClock());

        // The round starts at 1 s and checks its budget before each notice at 2, 3, 4 s: two are handled, then it stops.
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 0, 2, NoticeRoundEnd.BudgetSpent), await dispatcher.DispatchDueAsync(db, Now));
        await using (var db = _open())
        {
            Assert.Equal(2, await db.OutboxNotices.CountAsync(n => n.Status == NoticeStatus.DeadLetter));
            Assert.Equal(3, await db.OutboxNotices.CountAsync(n => n.Status == NoticeStatus.Pending && n.Attempts == 0 && n.NextAttemptAt <= Now));
        }
    }

    /// <summary>A clock whose timestamp moves one second each time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;
        public override long GetTimestamp() => _ticks += TimestampFrequency;
    }

    [Fact]
    public void RetryDelay_Doubles_WhenAttemptsGrow()
    {
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options());
        Assert.Equal([30, 60, 120, 240, 480], Enumerable.Range(1, 5).Select(a => dispatcher.RetryDelay(a).TotalSeconds));
    }
}
