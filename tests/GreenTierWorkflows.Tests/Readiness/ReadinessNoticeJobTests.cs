using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Scheduling;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>
/// The readiness notices run by Hangfire itself in the real app (demo data, SQLite file, fake clock on 2032-12-01 in
/// Huangshan; the demo's city window of 2032 runs to 12-31, and the demo lacquer company's GB/T 45001 certificate, valid
/// to 2032-12-30, lapses before it closes): triggering the recurring job queues that reminder and 屯溪区's December
/// digest, once.
/// </summary>
[Collection(GreenTierWorkflows.Tests.TestSupport.HangfireCollection.Name)]
public sealed class ReadinessNoticeJobTests : IDisposable
{
    private const string Lacquer = "黄山市屯溪徽韵漆器有限公司";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-readiness-job-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(ChinaTime.At(new DateOnly(2032, 12, 1), new TimeOnly(9, 0)));

    private WebApplicationFactory<Program> App() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Development");
        b.UseSetting("Demo:Enabled", "true");
        b.UseSetting("Data:Directory", _data);
        b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
        b.UseQuietHangfire();
        b.ConfigureServices(s => s.AddSingleton<TimeProvider>(_clock));
    });

    [Fact]
    public async Task TheRecurringJob_QueuesTheDemoReminderAndDigest_Once()
    {
        await using var app = App();
        app.CreateClient();
        using (var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection())
            Assert.Equal("0 0 1 1 *", Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Single(j => j.Id == ReadinessNoticeJob.Id).Cron);
        await HangfireJobRunner.RunAsync(app.Services, ReadinessNoticeJob.Id);
        var first = await OutboxAsync(app);

        var reminders = first.Where(n => n.Kind == NoticeKinds.CertificateExpiring).ToList();
        var reminder = reminders.SingleOrDefault(n => Model(n)["member_name"]!.GetValue<string>() == Lacquer && n.DedupKey.Contains(":GB/T 45001:2032:City|", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("没有徽韵漆器 GB/T 45001 的提醒；提醒有：" + string.Join("；", reminders.Select(n => $"{n.DedupKey} {Model(n)["member_name"]} {Model(n)["expires_evidence"]}")));
        Assert.Contains("2032-12-30 到期", Model(reminder)["expires_evidence"]!.GetValue<string>());
        var digest = Assert.Single(first, n => n.Kind == NoticeKinds.ReadinessDigest && n.DedupKey.StartsWith("readiness-digest:341002:2032-12|", StringComparison.Ordinal));
        Assert.Contains(Model(digest)["members"]!.AsArray(), m => m!["member_name"]!.GetValue<string>() == Lacquer);
        Assert.All(Model(digest)["members"]!.AsArray(), m => Assert.Contains("屯溪", m!["member_name"]!.GetValue<string>()));

        await HangfireJobRunner.RunAsync(app.Services, ReadinessNoticeJob.Id);
        Assert.Equal(first.Count, (await OutboxAsync(app)).Count);
    }

    private static JsonObject Model(OutboxNotice notice) => JsonNode.Parse(notice.ModelJson)!.AsObject();

    private static async Task<List<OutboxNotice>> OutboxAsync(WebApplicationFactory<Program> app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        return await db.OutboxNotices.AsNoTracking().Where(n => n.DedupKey.StartsWith("readiness-")).ToListAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
