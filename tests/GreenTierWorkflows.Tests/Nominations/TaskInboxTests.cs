using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GreenTierWorkflows.Application.Tasks;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>The inbox: claim rules, filters, and the overdue reminders raised once per task.</summary>
public abstract class TaskInboxTests(NominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task ClaimedTask_CanOnlyBeDecidedByItsClaimant_UntilUnclaimed()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县认领测试企业");
        var taskId = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();
        var city = await App.ClientAsync("city");
        await ReadAsync(await city.PostAsync($"/api/tasks/{taskId}/claim", null), HttpStatusCode.OK);
        var admin = await App.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode); // not a reviewer

        var claimed = await ReadAsync(await city.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.OK);
        Assert.Equal("市经信局评审员", claimed["claimedByName"]!.GetValue<string>());
        await ReadAsync(await city.PostAsync($"/api/tasks/{taskId}/unclaim", null), HttpStatusCode.OK);
        Assert.Null((await ReadAsync(await city.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.OK))["claimedByName"]);
        await DecideAsync("city", id, "市级评审", "通过");
    }

    [Fact]
    public async Task Attachment_OnAnOpenTask_JoinsTheNominationsMaterials_OnlyForTheTasksRole()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县附件测试企业");
        await DecideAsync("city", id, "市级评审", "通过");
        var taskId = (await TaskAsync("verifier", id, "现场核查"))["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await AttachAsync("tunxi", taskId, Pdf())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AttachAsync("verifier", taskId, "not a pdf"u8.ToArray(), "照片.jpg")).StatusCode);
        var recordPdf = Pdf(4096);
        recordPdf[100] = (byte)'x'; // content of its own: the download must return these bytes, not another material's
        var attached = await ReadAsync(await AttachAsync("verifier", taskId, recordPdf), HttpStatusCode.Created);
        await DecideAsync("verifier", id, "现场核查", "通过");

        var materials = (await NominationAsync("city", id))["materials"]!.AsArray();
        var record = materials.Single(m => m!["id"]!.GetValue<string>() == attached["id"]!.GetValue<string>())!;
        Assert.Equal(("审核附件：现场核查", 4096), (record["category"]!.GetValue<string>(), record["size"]!.GetValue<int>()));
        var download = await (await App.ClientAsync("shexian")).GetAsync($"/api/nominations/{id}/materials/{attached["id"]}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(recordPdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).GetAsync($"/api/nominations/{id}/materials/{attached["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await AttachAsync("verifier", taskId, Pdf())).StatusCode);
    }

    [Fact]
    public async Task Inbox_FiltersByYearTypeAndDistrict_AndOrdersByDueDate()
    {
        await SubmitNewAsync("shexian", "341021", "歙县筛选测试企业");
        await SubmitNewAsync("tunxi", "341002", "屯溪筛选测试企业");
        var city = await App.ClientAsync("city");

        var tunxiOnly = await ReadAsync(await city.GetAsync("/api/tasks?district=341002&year=2026&type=GreenFactory&pageSize=100"), HttpStatusCode.OK);
        var none = await ReadAsync(await city.GetAsync("/api/tasks?year=2031"), HttpStatusCode.OK);
        var all = await ReadAsync(await city.GetAsync("/api/tasks?pageSize=100"), HttpStatusCode.OK);

        Assert.All(tunxiOnly["items"]!.AsArray(), t => Assert.Equal("屯溪区", t!["districtName"]!.GetValue<string>()));
        Assert.Contains(tunxiOnly["items"]!.AsArray(), t => t!["applicantName"]!.GetValue<string>() == "屯溪筛选测试企业");
        Assert.Equal(0, none["total"]!.GetValue<int>());
        var due = all["items"]!.AsArray().Select(t => t!["dueAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(due.Order(), due);

        var now = App.Clock.GetUtcNow();
        string Bound(double days) => Uri.EscapeDataString(now.AddDays(days).ToString("O"));
        var soon = await ReadAsync(await city.GetAsync($"/api/tasks?district=341002&pageSize=100&dueBefore={Bound(5)}"), HttpStatusCode.OK);
        var later = await ReadAsync(await city.GetAsync($"/api/tasks?district=341002&pageSize=100&dueBefore={Bound(11)}"), HttpStatusCode.OK);
        Assert.DoesNotContain(soon["items"]!.AsArray(), t => t!["applicantName"]!.GetValue<string>() == "屯溪筛选测试企业");
        Assert.All(soon["items"]!.AsArray(), t => Assert.True(t!["dueAt"]!.GetValue<DateTimeOffset>() <= now.AddDays(5)));
        Assert.Contains(later["items"]!.AsArray(), t => t!["applicantName"]!.GetValue<string>() == "屯溪筛选测试企业");
    }

    [Fact]
    public async Task DeadlineMonitor_QueuesOverdueThenEscalation_OncePerTask()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县逾期测试企业");
        var taskId = (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();

        async Task<int> CheckAsync()
        {
            using var scope = App.Factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<TaskDeadlineMonitor>().CheckAsync();
        }
        Task<List<OutboxNotice>> MailsAsync() => App.QueryAsync(db => db.OutboxNotices.Where(n => n.NominationId == id
            && (n.Kind == NoticeKinds.TaskOverdue || n.Kind == NoticeKinds.TaskOverdueEscalation)).ToListAsync());

        await CheckAsync();
        Assert.Empty(await MailsAsync());
        App.AdvanceClock(TimeSpan.FromDays(11)); // due after 10 days
        await CheckAsync();
        await CheckAsync();
        var overdue = await MailsAsync();
        Assert.Equal(["city@demo.greentier.local"], overdue.Select(m => m.RecipientEmail));
        Assert.Equal(NoticeKinds.TaskOverdue, overdue[0].Kind);
        Assert.True((await ReadAsync(await (await App.ClientAsync("city")).GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.OK))["overdue"]!.GetValue<bool>());

        App.AdvanceClock(TimeSpan.FromDays(3));
        await CheckAsync();
        await CheckAsync();
        var escalated = (await MailsAsync()).Where(m => m.Kind == NoticeKinds.TaskOverdueEscalation).ToList();
        Assert.Equal(["admin@demo.greentier.local"], escalated.Select(m => m.RecipientEmail));
        await DecideAsync("city", id, "市级评审", "通过");
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteTaskInboxTests(NominationFixture app) : TaskInboxTests(app);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlTaskInboxTests(PostgreSqlNominationFixture app) : TaskInboxTests(app);
