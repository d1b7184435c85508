using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.Notifications;

/// <summary>Real SMTP: outbox notices in a SQLite file sent by the dispatcher through MailKit to maildev, read back over its HTTP API.</summary>
public sealed class SmtpDeliveryTests(MaildevFixture maildev) : IClassFixture<MaildevFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 4, 12, 1, 0, 0, TimeSpan.Zero);
    private string _dbPath = "";
    private Func<GreenTierDbContext> _open = null!;

    public async Task InitializeAsync()
    {
        (_dbPath, _open) = await SqliteTestDatabase.CreateAsync("gtw-notices");
        if (MaildevFixture.Available) await maildev.ClearAsync();
    }

    public Task DisposeAsync()
    {
        SqliteTestDatabase.Delete(_dbPath);
        return Task.CompletedTask;
    }

    private async Task<OutboxNotice[]> AddTwoAsync()
    {
        var notices = new[]
        {
            OutboxNotice.Create(NoticeKinds.DeadlineReminder, new NoticeRecipient("wangxm@shexian.example", "王晓明"),
                NoticeSamples.For(NoticeKinds.DeadlineReminder), "deadline|2026|shexian", Now),
            OutboxNotice.Create(NoticeKinds.DecisionResult, new NoticeRecipient("chenfang@maofeng-tea.example", "陈芳"),
                NoticeSamples.For(NoticeKinds.DecisionResult), "decision|2026-GF-0012|city", Now.AddSeconds(1)),
        };
        await using var db = _open();
        db.OutboxNotices.AddRange(notices);
        await db.SaveChangesAsync();
        return notices;
    }

    private static JsonNode Mail(JsonArray mails, string address) =>
        Assert.Single(mails, m => m!["to"]![0]!["address"]!.GetValue<string>() == address)!;

    [MaildevFact]
    public async Task DispatchDueAsync_DeliversChineseMail_WhenSmtpIsUp()
    {
        var notices = await AddTwoAsync();
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: maildev.SmtpPort));

        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(2, 0, 0), await dispatcher.DispatchDueAsync(db, Now.AddSeconds(5)));

        var mails = await maildev.EmailsAsync();
        Assert.Equal(2, mails.Count);
        var renderer = NoticeTestSupport.Renderer();

        var reminder = Mail(mails, "wangxm@shexian.example");
        Assert.Equal("【截止提醒】歙县：2026年度绿色工厂（省级）推荐还剩 3 天", reminder["subject"]!.GetValue<string>());
        Assert.Equal("王晓明", reminder["to"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("noreply@greentier.test", reminder["from"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("黄山市经信局绿色制造", reminder["from"]![0]!["name"]!.GetValue<string>());
        var reminderText = reminder["text"]!.GetValue<string>();
        Assert.Contains("王晓明，您好：", reminderText);
        Assert.Contains("  - 黄山某某茶业有限公司：自评价报告", reminderText);
        Assert.Contains("本邮件由系统自动发送", reminderText);
        Assert.Contains("<li>黄山某某茶业有限公司：自评价报告</li>", reminder["html"]!.GetValue<string>());
        var expected = renderer.Render(NoticeKinds.DeadlineReminder, JsonNode.Parse(notices[0].ModelJson)!.AsObject());
        Assert.Equal(NoticeTestSupport.Normalize(expected.Text), NoticeTestSupport.Normalize(reminderText));
        Assert.Equal(NoticeTestSupport.Normalize(expected.Html), NoticeTestSupport.Normalize(reminder["html"]!.GetValue<string>()));

        var decision = Mail(mails, "chenfang@maofeng-tea.example");
        Assert.Equal("【评审结果】黄山某某茶业有限公司绿色工厂申报：通过，已列入市级绿色工厂名单", decision["subject"]!.GetValue<string>());
        Assert.Equal("陈芳", decision["to"]![0]!["name"]!.GetValue<string>());
        Assert.Contains("评审意见：材料齐全，节能降碳成效明显，同意推荐至省级。", decision["text"]!.GetValue<string>());
        Assert.Contains("<strong>通过，已列入市级绿色工厂名单</strong>", decision["html"]!.GetValue<string>());

        await using (var db = _open())
        {
            var stored = await db.OutboxNotices.AsNoTracking().ToListAsync();
            Assert.All(stored, n =>
            {
                Assert.Equal(NoticeStatus.Sent, n.Status);
                Assert.Equal(Now.AddSeconds(5), n.SentAt);
                Assert.Equal(0, n.Attempts);
            });
        }
    }

    [MaildevFact]
    public async Task DispatchDueAsync_SendsEachOnceAfterOutage_WhenSmtpComesBack()
    {
        var notices = await AddTwoAsync();
        var down = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: LoopbackPort.Free()));
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 1, 0, NoticeRoundEnd.ServerUnreachable), await down.DispatchDueAsync(db, Now.AddSeconds(5)));
        await using (var db = _open())
        {
            // The first notice is charged for the outage; the round stopped before the second, which is still due.
            var first = await db.OutboxNotices.AsNoTracking().SingleAsync(n => n.Id == notices[0].Id);
            Assert.Equal((NoticeStatus.Pending, 1, Now.AddSeconds(35)), (first.Status, first.Attempts, first.NextAttemptAt));
            Assert.NotNull(first.LastError);
            var second = await db.OutboxNotices.AsNoTracking().SingleAsync(n => n.Id == notices[1].Id);
            Assert.Equal((NoticeStatus.Pending, 0, Now.AddSeconds(1)), (second.Status, second.Attempts, second.NextAttemptAt));
            Assert.Null(second.LastError);
        }
        Assert.Empty(await maildev.EmailsAsync());

        var up = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: maildev.SmtpPort));
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(1, 0, 0), await up.DispatchDueAsync(db, Now.AddSeconds(34)));
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(1, 0, 0), await up.DispatchDueAsync(db, Now.AddSeconds(35)));
        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(0, 0, 0), await up.DispatchDueAsync(db, Now.AddSeconds(36)));

        var mails = await maildev.EmailsAsync();
        Assert.Equal(2, mails.Count);
        Assert.Equal(
            notices.Select(n => n.RecipientEmail).Order(StringComparer.Ordinal),
            mails.Select(m => m!["to"]![0]!["address"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        await using (var db = _open())
            Assert.All(await db.OutboxNotices.AsNoTracking().ToListAsync(), n => Assert.Equal(NoticeStatus.Sent, n.Status));
    }

    [MaildevFact]
    public async Task DispatchDueAsync_SendsMoreThanOneBatchOnOneConnection_WhenManyAreDue()
    {
        const int count = NoticeDispatcher.BatchSize * 2 + 20;
        await using (var db = _open())
        {
            for (var i = 0; i < count; i++)
                db.OutboxNotices.Add(OutboxNotice.Create(NoticeKinds.TaskAssigned, new NoticeRecipient($"user{i:D3}@shexian.example", $"收件人{i}"),
                    NoticeSamples.For(NoticeKinds.TaskAssigned), $"batch|{i}", Now.AddMilliseconds(i)));
            await db.SaveChangesAsync();
        }
        NoticeTestSupport.CountingSmtpClientFactory clients = null!;
        // The round's budget is wall time; this test is about batches and the connection, so a slow shared machine (CI sent 86
        // of the 120 within the default 8 s) must not end the round early.
        var options = NoticeTestSupport.Options(smtpPort: maildev.SmtpPort);
        options.RoundBudgetSeconds = 600;
        var dispatcher = NoticeTestSupport.Dispatcher(options, o => clients = new NoticeTestSupport.CountingSmtpClientFactory(o));

        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(count, 0, 0), await dispatcher.DispatchDueAsync(db, Now.AddSeconds(5)));

        Assert.Equal(1, clients.Created);
        var mails = await maildev.EmailsAsync();
        Assert.Equal(
            Enumerable.Range(0, count).Select(i => $"user{i:D3}@shexian.example"),
            mails.Select(m => m!["to"]![0]!["address"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        await using (var db = _open())
            Assert.Equal(count, await db.OutboxNotices.CountAsync(n => n.Status == NoticeStatus.Sent && n.Attempts == 0));
    }

    [MaildevFact]
    public async Task DispatchDueAsync_ChargesTheRefusedNoticeAndGoesOn_WhenTheServerRejectsARecipient()
    {
        // maildev answers RCPT TO:<> with 501 (bad recipient address syntax): a refusal of this message, not an outage.
        var notices = new[] { "wangxm@shexian.example", "", "chenfang@maofeng-tea.example" }
            .Select((email, i) => OutboxNotice.Create(NoticeKinds.TaskAssigned, new NoticeRecipient(email, "收件人"),
                NoticeSamples.For(NoticeKinds.TaskAssigned), $"refused|{i}", Now.AddSeconds(i)))
            .ToArray();
        await using (var db = _open())
        {
            db.OutboxNotices.AddRange(notices);
            await db.SaveChangesAsync();
        }
        NoticeTestSupport.CountingSmtpClientFactory clients = null!;
        var dispatcher = NoticeTestSupport.Dispatcher(NoticeTestSupport.Options(smtpPort: maildev.SmtpPort),
            o => clients = new NoticeTestSupport.CountingSmtpClientFactory(o));

        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(2, 1, 0), await dispatcher.DispatchDueAsync(db, Now.AddSeconds(5)));

        Assert.Equal(1, clients.Created);
        Assert.Equal(2, (await maildev.EmailsAsync()).Count);
        await using (var db = _open())
        {
            var refused = await db.OutboxNotices.AsNoTracking().SingleAsync(n => n.Id == notices[1].Id);
            Assert.Equal((NoticeStatus.Pending, 1, Now.AddSeconds(35)), (refused.Status, refused.Attempts, refused.NextAttemptAt));
            Assert.Contains("recipient", refused.LastError);
        }
    }

    [MaildevFact]
    public async Task DispatchDueAsync_ConnectsAgainForTheNextNotice_WhenTheConnectionBreaks()
    {
        var notices = new[] { "wangxm@shexian.example", "lost@shexian.example", "chenfang@maofeng-tea.example" }
            .Select((email, i) => OutboxNotice.Create(NoticeKinds.TaskAssigned, new NoticeRecipient(email, "收件人"),
                NoticeSamples.For(NoticeKinds.TaskAssigned), $"broken|{i}", Now.AddSeconds(i)))
            .ToArray();
        await using (var db = _open())
        {
            db.OutboxNotices.AddRange(notices);
            await db.SaveChangesAsync();
        }
        var clients = new DropsFirstConnectionFactory("lost@shexian.example");
        var options = Microsoft.Extensions.Options.Options.Create(NoticeTestSupport.Options(smtpPort: maildev.SmtpPort));
        var dispatcher = new NoticeDispatcher(new SmtpNoticeSender(NoticeTestSupport.Renderer(), clients, options), options);

        await using (var db = _open())
            Assert.Equal(new NoticeDispatchResult(2, 1, 0), await dispatcher.DispatchDueAsync(db, Now.AddSeconds(5)));

        Assert.Equal(2, clients.Created);
        Assert.Equal(["chenfang@maofeng-tea.example", "wangxm@shexian.example"],
            (await maildev.EmailsAsync()).Select(m => m!["to"]![0]!["address"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        await using (var db = _open())
        {
            var lost = await db.OutboxNotices.AsNoTracking().SingleAsync(n => n.Id == notices[1].Id);
            Assert.Equal((NoticeStatus.Pending, 1, Now.AddSeconds(35)), (lost.Status, lost.Attempts, lost.NextAttemptAt));
        }
    }

    /// <summary>MailKit's clients; the first loses its connection just before the message to one address, as when a server goes away.</summary>
    private sealed class DropsFirstConnectionFactory(string dropBefore) : ISmtpClientFactory
    {
        public int Created { get; private set; }

        public MailKit.Net.Smtp.ISmtpClient Create() =>
            ++Created == 1 ? new DroppingSmtpClient(dropBefore) : new MailKit.Net.Smtp.SmtpClient { Timeout = 10_000 };
    }

    private sealed class DroppingSmtpClient(string dropBefore) : MailKit.Net.Smtp.SmtpClient
    {
        public override Task<string> SendAsync(MimeKit.FormatOptions options, MimeKit.MimeMessage message, CancellationToken cancellationToken = default, MailKit.ITransferProgress? progress = null)
        {
            if (message.To.Mailboxes.Any(m => m.Address == dropBefore)) Disconnect(false);
            return base.SendAsync(options, message, cancellationToken, progress);
        }
    }

    [MaildevFact]
    public async Task NoticeDeliveryService_SendsDueNotices_WhenPollIntervalElapses()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notices:TemplatesDirectory"] = NoticeTestSupport.TemplatesDirectory,
            ["Notices:FromAddress"] = "noreply@greentier.test",
            ["Notices:Smtp:Host"] = "127.0.0.1",
            ["Notices:Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notices:PollSeconds"] = "5",
        }).Build();
        var clock = new FakeTimeProvider(Now);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddDbContext<GreenTierDbContext>(o => o.UseSqlite($"Data Source={_dbPath}"));
        services.AddGreenTierNotices(config);
        await using var provider = services.BuildServiceProvider();
        await AddTwoAsync();

        var service = Assert.Single(provider.GetServices<IHostedService>().OfType<NoticeDeliveryService>());
        await service.StartAsync(CancellationToken.None);
        try
        {
            Assert.Empty(await maildev.EmailsAsync());
            // ExecuteAsync runs on a pool thread (.NET 10), so its timer may not exist yet: keep moving the clock one
            // interval at a time until the round has run.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await maildev.EmailsAsync()).Count < 2 && DateTime.UtcNow < deadline)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
                await Task.Delay(200);
            }
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Equal(2, (await maildev.EmailsAsync()).Count);
        await using var db = _open();
        Assert.All(await db.OutboxNotices.AsNoTracking().ToListAsync(), n =>
        {
            Assert.Equal(NoticeStatus.Sent, n.Status);
            Assert.NotNull(n.SentAt);
            Assert.True(n.SentAt >= Now.AddSeconds(5), $"sent at {n.SentAt}, before the first poll");
            Assert.Equal(0, (n.SentAt!.Value - Now).Ticks % TimeSpan.FromSeconds(5).Ticks);
        });
    }
}
