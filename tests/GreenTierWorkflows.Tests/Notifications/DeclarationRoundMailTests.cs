using GreenTierWorkflows.Runtime.Tests.TestSupport;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using GreenTierWorkflows.Application.Windows;

namespace GreenTierWorkflows.Tests.Notifications;

/// <summary>
/// A declaration round end to end on the fake clock: the app (demo accounts, real SQLite file) queues the round's notices,
/// the dispatcher sends them through MailKit to a real maildev, SMTP goes down mid-round and the app restarts mid-round;
/// in the end every district bureau got exactly one "window opened" and one reminder, with the rendered Chinese text.
/// </summary>
public abstract class DeclarationRoundMailTests(MaildevFixture maildev) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-round-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2032, 6, 1, 1, 0, 0, TimeSpan.Zero));

    private WebApplicationFactory<Program> App() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Development");
        b.UseSetting("Demo:Enabled", "true");
        b.UseSetting("Data:Directory", _data);
        b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
        Configure(b);
        b.UseSetting("Notices:PollSeconds", "0");
        b.UseSetting("Nominations:DeadlineCheckSeconds", "0");
        b.UseSetting("Notices:Smtp:Host", "127.0.0.1");
        b.UseSetting("Notices:Smtp:Port", maildev.SmtpPort.ToString());
        b.ConfigureServices(s => s.AddSingleton<TimeProvider>(_clock));
    });

    /// <summary>Scheduler settings of the variant.</summary>
    protected abstract void Configure(IWebHostBuilder builder);

    /// <summary>One pass of the round: check the windows, then (optionally) send what is due.</summary>
    protected virtual Task RoundAsync(WebApplicationFactory<Program> app, TimeProvider clock, bool send = true) => RunDirectlyAsync(app, clock, send);

    private static async Task RunDirectlyAsync(WebApplicationFactory<Program> app, TimeProvider clock, bool send)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        await scope.ServiceProvider.GetRequiredService<DeclarationWindowMonitor>().CheckAsync();
        if (send) await scope.ServiceProvider.GetRequiredService<NoticeDispatcher>().DispatchDueAsync(db, clock.GetUtcNow());
    }

    private static Task<List<OutboxNotice>> OutboxAsync(WebApplicationFactory<Program> app)
    {
        var db = app.Services.CreateScope().ServiceProvider.GetRequiredService<GreenTierDbContext>();
        return db.OutboxNotices.AsNoTracking()
            .Where(n => n.DedupKey.StartsWith("window:round:") || n.DedupKey.StartsWith(DeclarationWindowMonitor.OpenedDigestKeyPrefix + "2032:")).ToListAsync();
    }

    [Fact]
    public async Task Round_DeliversEachNoticeOnce_ThroughAnSmtpOutageAndAnAppRestart()
    {
        await maildev.ClearAsync();
        var start = _clock.GetUtcNow();
        var app = App();
        app.CreateClient();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
            db.DeclarationWindows.RemoveRange(db.DeclarationWindows);
            db.DeclarationWindows.Add(new DeclarationWindow
            {
                Id = "round", Year = 2032, Type = NominationType.GreenFactory, Tier = Tier.Province, OpensAt = start.AddDays(1),
                ClosesAt = start.AddDays(20), DistrictDeadline = start.AddDays(10), ReminderOffsetsDays = [7], UpdatedAt = start,
            });
            await db.SaveChangesAsync();
        }

        _clock.Advance(TimeSpan.FromDays(1.5));
        await RoundAsync(app, _clock);
        var opened = await maildev.EmailsAsync();
        Assert.Equal(8, opened.Count);
        var renderer = app.Services.GetRequiredService<NoticeRenderer>();
        var outbox = await OutboxAsync(app);
        foreach (var notice in outbox)
        {
            var expected = renderer.Render(notice.Kind, JsonNode.Parse(notice.ModelJson)!.AsObject());
            var mail = opened.Single(m => m!["to"]![0]!["address"]!.GetValue<string>() == notice.RecipientEmail)!;
            Assert.Equal(expected.Subject, mail["subject"]!.GetValue<string>());
            Assert.Equal(expected.Text.Trim(), mail["text"]!.GetValue<string>().Trim());
            Assert.Contains("2032", mail["html"]!.GetValue<string>());
        }
        Assert.Contains("绿色工厂", opened[0]!["subject"]!.GetValue<string>());

        await maildev.StopAsync(); // SMTP down mid-round
        _clock.Advance(TimeSpan.FromDays(2)); // 6.5 days before the deadline: the 7-day reminder
        await RoundAsync(app, _clock);
        var pending = (await OutboxAsync(app)).Where(n => n.Kind == NoticeKinds.DeadlineReminder).ToList();
        Assert.Equal(8, pending.Count);
        Assert.All(pending, n => Assert.Equal(NoticeStatus.Pending, n.Status));
        // The round stops at the first connect that fails: one reminder is charged, the others wait uncharged.
        var charged = Assert.Single(pending, n => n.Attempts == 1);
        Assert.False(string.IsNullOrEmpty(charged.LastError));
        Assert.All(pending.Where(n => n.Id != charged.Id), n => Assert.Equal((0, (string?)null), (n.Attempts, n.LastError)));

        await app.DisposeAsync(); // the app restarts mid-round
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var restarted = App();
        restarted.CreateClient();
        using (var scope = restarted.Services.CreateScope()) // start-up seeded this year's demo windows again: only the round's stays
        {
            var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
            db.DeclarationWindows.RemoveRange(db.DeclarationWindows.Where(w => w.Id != "round"));
            await db.SaveChangesAsync();
        }
        await RoundAsync(restarted, _clock, send: false);
        Assert.Equal(16, (await OutboxAsync(restarted)).Count);

        await maildev.StartAsync(); // SMTP back
        _clock.Advance(TimeSpan.FromHours(1));
        await RoundAsync(restarted, _clock);
        await RoundAsync(restarted, _clock);
        var reminders = await maildev.EmailsAsync();
        Assert.Equal(8, reminders.Count);
        Assert.Equal(8, reminders.Select(m => m!["to"]![0]!["address"]!.GetValue<string>()).Distinct().Count());
        Assert.All(reminders, m => Assert.Contains("尚未创建任何申报", m!["text"]!.GetValue<string>()));
        Assert.All(await OutboxAsync(restarted), n => Assert.Equal(NoticeStatus.Sent, n.Status));
    }

    /// <summary>Three dispatchers at once over the same outbox (run by the in-process variant).</summary>
    protected async Task ConcurrentDispatchersSendEachNoticeOnceAsync()
    {
        await maildev.ClearAsync();
        await using var app = App();
        app.CreateClient();
        var now = _clock.GetUtcNow();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
            for (var i = 0; i < 12; i++)
                db.OutboxNotices.Add(OutboxNotice.Create(NoticeKinds.ListingRevoked, new NoticeRecipient($"user{i}@demo.greentier.local", $"收件人{i}"),
                    NoticeSamples.For(NoticeKinds.ListingRevoked), $"concurrent:{i}", now));
            await db.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<NoticeDispatcher>().DispatchDueAsync(scope.ServiceProvider.GetRequiredService<GreenTierDbContext>(), now);
        })));

        var mails = await maildev.EmailsAsync();
        Assert.Equal(12, mails.Count);
        Assert.Equal(12, mails.Select(m => m!["to"]![0]!["address"]!.GetValue<string>()).Distinct().Count());
    }

    public virtual void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The round with the in-process scheduler, the checks called as the hosted loop would.</summary>
public sealed class InProcessDeclarationRoundMailTests(MaildevFixture maildev) : DeclarationRoundMailTests(maildev), IClassFixture<MaildevFixture>
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Scheduling:Provider", "InProcess");

    [Fact]
    public Task ConcurrentDispatchers_SendEachNoticeOnce() => ConcurrentDispatchersSendEachNoticeOnceAsync();
}

/// <summary>
/// The round run by Hangfire itself: each pass triggers the recurring jobs (window check, notice delivery) and waits until
/// Hangfire's workers have run them. Their crons are set to never fire on their own during the test.
/// </summary>
public abstract class HangfireDeclarationRoundMailTests(MaildevFixture maildev) : DeclarationRoundMailTests(maildev)
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Scheduling:Provider", "Hangfire");
        builder.UseSetting("Scheduling:NoticeDeliveryCron", "0 0 1 1 *");
        builder.UseSetting("Scheduling:DeadlineCheckCron", "0 0 1 1 *");
    }

    protected override async Task RoundAsync(WebApplicationFactory<Program> app, TimeProvider clock, bool send = true)
    {
        await GreenTierWorkflows.Tests.TestSupport.HangfireJobRunner.RunAsync(app.Services, GreenTierWorkflows.Infrastructure.Scheduling.DeclarationWindowJob.Id);
        if (send) await GreenTierWorkflows.Tests.TestSupport.HangfireJobRunner.RunAsync(app.Services, GreenTierWorkflows.Infrastructure.Scheduling.NoticeDeliveryJob.Id);
    }
}

[Collection(GreenTierWorkflows.Tests.TestSupport.HangfireCollection.Name)]
public sealed class HangfireInMemoryDeclarationRoundMailTests(MaildevFixture maildev) : HangfireDeclarationRoundMailTests(maildev), IClassFixture<MaildevFixture>
{
    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Scheduling:Storage", "InMemory");
    }
}

/// <summary>
/// The same round in scale-out configuration: Hangfire and the app's data (EF Core) both on the PostgreSQL the test
/// command starts (a database of its own).
/// </summary>
[Collection(GreenTierWorkflows.Tests.TestSupport.HangfireCollection.Name)]
public sealed class HangfirePostgreSqlDeclarationRoundMailTests(MaildevFixture maildev) : HangfireDeclarationRoundMailTests(maildev), IClassFixture<MaildevFixture>
{
    private readonly TestPostgresDatabase _database = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Scheduling:Storage", "PostgreSql");
        builder.UseSetting("ConnectionStrings:Hangfire", _database.ConnectionString);
        _database.UseForAppData(builder);
    }

    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
    }
}
