using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

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
            Assert.Equal(new NoticeDispatchResult(0, 1, 0), result);
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
    public void RetryDelay_Doubles_WhenAttemptsGrow()
    {
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options());
        Assert.Equal([30, 60, 120, 240, 480], Enumerable.Range(1, 5).Select(a => dispatcher.RetryDelay(a).TotalSeconds));
    }
}
