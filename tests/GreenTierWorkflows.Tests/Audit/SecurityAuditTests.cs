using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Notices;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GreenTierWorkflows.Tests.Audit;

/// <summary>
/// 安全审计 over real HTTP (Kestrel on 127.0.0.1, a SQLite file): publishing and retracting a workflow, editing a
/// declaration window, requeueing a dead letter and deciding a task each leave a row naming the account, the address and
/// the target (refused attempts too); only administrators read it (API and .xlsx export, which holds exactly the
/// filtered rows); the database refuses UPDATE and DELETE on it.
/// </summary>
[Collection(SecurityAuditCollection.Name)]
public sealed class SecurityAuditTests(NominationFixture app) : NominationSteps(app)
{
    private const string Loopback = "127.0.0.1";

    /// <summary>The audit rows with that action and target, oldest first (read as an administrator through the API).</summary>
    private async Task<List<JsonObject>> RowsAsync(string action, string target)
    {
        var admin = await App.ClientAsync("admin");
        var page = await ReadAsync(await admin.GetAsync($"/api/audit?action={action}&pageSize=100"), HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!.AsObject()).Where(i => i["target"]?.GetValue<string>() == target).Reverse().ToList();
    }

    private static void AssertRow(JsonObject row, string actor, bool succeeded, string detailPart)
    {
        var text = row.ToJsonString();
        Assert.True(row["actorName"]?.GetValue<string>() == actor, text);
        Assert.True(row["actorId"]?.GetValue<string>() is { Length: > 0 }, text);
        Assert.True(row["clientAddress"]?.GetValue<string>() == Loopback, text);
        Assert.True(row["succeeded"]!.GetValue<bool>() == succeeded, text);
        Assert.True(row["detail"]?.GetValue<string>()?.Contains(detailPart, StringComparison.Ordinal) == true, $"'{detailPart}' not in {text}");
    }

    [Fact]
    public async Task PublishingAndRetractingAWorkflow_AreAudited_WithTheDesignerAddressAndVersion()
    {
        var designer = await App.ClientAsync("designer");
        var id = ElsaApiTestData.NewId();
        var saved = await designer.PostAsync("/elsa/api/workflow-definitions",
            new StringContent(ElsaApiTestData.SaveBody(ElsaApiTestData.Model(id, "审计测试流程"), publish: false), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        Assert.Empty(await RowsAsync(AuditActions.WorkflowPublished, id)); // saving a draft is not a publish

        Assert.True((await designer.PostAsync($"/elsa/api/workflow-definitions/{id}/publish", null)).IsSuccessStatusCode);
        var published = Assert.Single(await RowsAsync(AuditActions.WorkflowPublished, id));
        AssertRow(published, "designer", true, "版本 1「审计测试流程」");

        Assert.True((await designer.PostAsync($"/elsa/api/workflow-definitions/{id}/retract", null)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await designer.PostAsync($"/elsa/api/workflow-definitions/{id}/retract", null)).StatusCode);
        var retracts = await RowsAsync(AuditActions.WorkflowRetracted, id);
        Assert.Equal(2, retracts.Count);
        AssertRow(retracts[0], "designer", true, "版本 1");
        AssertRow(retracts[1], "designer", false, "未发布");

        // Studio's bulk action publishes too.
        var bulk = await designer.PostAsJsonAsync("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", new { definitionIds = new[] { id } });
        Assert.True(bulk.IsSuccessStatusCode, await bulk.Content.ReadAsStringAsync());
        Assert.Equal(2, (await RowsAsync(AuditActions.WorkflowPublished, id)).Count);
    }

    [Fact]
    public async Task SignInsAndAccountChanges_LandInTheDatabaseAudit_WithTheAddress()
    {
        using var anonymous = new HttpClient { BaseAddress = App.BaseAddress };
        var wrong = await anonymous.PostAsJsonAsync("/elsa/api/identity/login", new { username = "qimen", password = "not-the-password" });
        Assert.False(JsonNode.Parse(await wrong.Content.ReadAsStringAsync())?["isAuthenticated"]?.GetValue<bool>() ?? false); // Elsa's answer: 200, not authenticated
        var right = await anonymous.PostAsJsonAsync("/elsa/api/identity/login", new { username = "qimen", password = NominationFixture.Password });
        Assert.True(right.IsSuccessStatusCode, await right.Content.ReadAsStringAsync());

        var failed = Assert.Single(await RowsAsync(AuditActions.SignInFailed, "qimen"));
        Assert.True(failed["clientAddress"]?.GetValue<string>() == Loopback && !failed["succeeded"]!.GetValue<bool>(), failed.ToJsonString());
        var signedIn = Assert.Single(await RowsAsync(AuditActions.SignIn, "qimen"));
        Assert.True(signedIn["clientAddress"]?.GetValue<string>() == Loopback && signedIn["succeeded"]!.GetValue<bool>(), signedIn.ToJsonString());

        var admin = await App.ClientAsync("admin");
        var userName = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/accounts", new { userName, displayName = "审计测试账号", role = "CityReviewer", password = "Audit#2026x" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await admin.PostAsync($"/api/accounts/{userName}/disable", null)).IsSuccessStatusCode);
        AssertRow(Assert.Single(await RowsAsync(AuditActions.AccountCreated, userName)), "admin", true, "角色 ");
        var disabled = Assert.Single(await RowsAsync(AuditActions.AccountDisabled, userName));
        Assert.True(disabled["actorName"]?.GetValue<string>() == "admin" && disabled["clientAddress"]?.GetValue<string>() == Loopback, disabled.ToJsonString());
    }

    [Fact]
    public async Task EditingAWindow_IsAudited_WithWhatChanged_AndARefusedEditAsFailed()
    {
        var admin = await App.ClientAsync("admin");
        const string id = "w-2027-GreenPark-City";
        var before = await App.QueryAsync(db => db.DeclarationWindows.AsNoTracking().SingleAsync(w => w.Id == id));
        await ReadAsync(await admin.PutAsJsonAsync($"/api/windows/{id}", new { reminderOffsetsDays = new[] { 9, 4 }, revision = before.Revision }), HttpStatusCode.OK);
        await ReadAsync(await admin.PutAsJsonAsync($"/api/windows/{id}", new { closesAt = before.OpensAt.AddDays(-1) }), HttpStatusCode.BadRequest);

        var rows = await RowsAsync(AuditActions.WindowChanged, id);
        Assert.Equal(2, rows.Count);
        AssertRow(rows[0], "admin", true, "提醒（截止前天数） 7、3、1 → 9、4");
        AssertRow(rows[1], "admin", false, "关闭时间必须晚于开启时间");
    }

    [Fact]
    public async Task RequeueingADeadLetter_IsAudited_WithTheNotice()
    {
        var dead = OutboxNotice.Create(NoticeKinds.ListingRevoked, new NoticeRecipient("audit-dead@demo.greentier.local", "审计收件人"), new(), "audit-dead-letter", App.Clock.GetUtcNow());
        (dead.Status, dead.Attempts, dead.LastError) = (NoticeStatus.DeadLetter, 6, "5.1.1 mailbox unavailable");
        await App.WithDbAsync(db => db.OutboxNotices.Add(dead));
        var admin = await App.ClientAsync("admin");
        await ReadAsync(await admin.PostAsync($"/api/outbox/{dead.Id}/retry", null), HttpStatusCode.OK);
        await ReadAsync(await admin.PostAsync($"/api/outbox/{dead.Id}/retry", null), HttpStatusCode.Conflict);

        var rows = await RowsAsync(AuditActions.OutboxRequeued, dead.Id);
        Assert.Equal(2, rows.Count);
        AssertRow(rows[0], "admin", true, "audit-dead@demo.greentier.local");
        AssertRow(rows[0], "admin", true, "5.1.1 mailbox unavailable");
        AssertRow(rows[1], "admin", false, "只有死信");
    }

    [Fact]
    public async Task EveryDecision_IsAudited_WithTaskOutcomeNominationAndStage_AndARefusedOneAsFailed()
    {
        var nomination = await SubmitNewAsync("tunxi", "341002", "审计测试绿色工厂");
        var task = await TaskAsync("city", nomination, "市级评审");
        var taskId = task["id"]!.GetValue<string>();
        await ReadAsync(await CompleteAsync("city", taskId, "退回修改", "请补充能耗数据"), HttpStatusCode.OK);
        await ReadAsync(await CompleteAsync("city", taskId, "通过"), HttpStatusCode.Conflict);
        await ReadAsync(await CompleteAsync("tunxi", taskId, "通过"), HttpStatusCode.NotFound); // not the district's task

        var rows = await RowsAsync(AuditActions.TaskDecided, taskId);
        Assert.Equal(3, rows.Count);
        AssertRow(rows[0], "city", true, "结果：退回修改");
        AssertRow(rows[0], "city", true, $"申报 {nomination}");
        AssertRow(rows[0], "city", true, "环节：市级评审");
        AssertRow(rows[1], "city", false, "不能重复办理");
        AssertRow(rows[2], "tunxi", false, "不存在或无权访问");
    }

    [Fact]
    public async Task OnlyAdministrators_ReadOrExportTheAudit()
    {
        foreach (var user in new[] { "city", "designer", "tunxi" })
        {
            var client = await App.ClientAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit")).StatusCode);
            var export = await client.GetAsync("/exports/audit.xlsx");
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
            Assert.Contains("只有系统管理员", await export.Content.ReadAsStringAsync());
        }
        using var anonymous = new HttpClient { BaseAddress = App.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit")).StatusCode);
        var bad = await ReadAsync(await (await App.ClientAsync("admin")).GetAsync("/api/audit?from=2026-13-01&action=Nope"), HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", bad["errors"]!["from"]![0]!.GetValue<string>());
        Assert.Contains("Nope", bad["errors"]!["action"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task TheExport_HoldsExactlyTheFilteredRows_NewestFirst_InChinaTime()
    {
        // Rows of several actions and results; the filter picks the failed window edits of admin today.
        var admin = await App.ClientAsync("admin");
        const string id = "w-2029-GreenFactory-City";
        for (var i = 0; i < 3; i++)
            await ReadAsync(await admin.PutAsJsonAsync($"/api/windows/{id}", new { publicNoticeWorkingDays = 40 + i }), HttpStatusCode.BadRequest);
        await ReadAsync(await admin.PutAsJsonAsync($"/api/windows/{id}", new { publicNoticeWorkingDays = 6 }), HttpStatusCode.OK);
        var today = NominationFixture.Now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var filter = $"from={today}&to={today}&action=WindowChanged&actor=admin&address={Loopback}&succeeded=false";

        var page = await ReadAsync(await admin.GetAsync($"/api/audit?{filter}&pageSize=100"), HttpStatusCode.OK);
        var expected = page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(expected.Count, page["total"]!.GetValue<int>());
        Assert.True(expected.Count(r => r["target"]!.GetValue<string>() == id) >= 3, page.ToJsonString());
        Assert.All(expected, r => Assert.False(r["succeeded"]!.GetValue<bool>()));

        var response = await admin.GetAsync($"/exports/audit.xlsx?{filter}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("安全审计", response.Content.Headers.ContentDisposition?.FileNameStar);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var sheet = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
            .Select(r => ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList()).ToList();
        Assert.Equal(["编号", "时间（北京时间）", "操作", "结果", "账号", "账号ID", "来源地址", "对象", "详情"], sheet[0]);
        var rows = sheet.Skip(1).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var e = expected[i];
            string S(string key) => e[key]?.GetValue<string>() ?? "";
            Assert.Equal([
                e["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                e["at"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss"),
                "修改申报窗口", "失败", "admin", S("actorId"), Loopback, S("target"), S("detail"),
            ], rows[i]);
        }
        // Newest first: ids fall.
        Assert.Equal(expected.Select(e => e["id"]!.GetValue<long>()).OrderDescending(), expected.Select(e => e["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task ARecord_SurvivesTheCallersFailedSave_AndLongOrControlTextIsCleanedAndCut()
    {
        var target = "survives-" + Guid.NewGuid().ToString("N");
        using (var scope = App.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
            // The caller's unit of work holds a change its save will refuse (a duplicate key)...
            var window = await db.DeclarationWindows.AsNoTracking().FirstAsync();
            db.DeclarationWindows.Add(new GreenTierWorkflows.Domain.Windows.DeclarationWindow { Id = window.Id, Year = 1999 });
            // ...the audit line is written on its own context, so it neither flushes nor depends on that change.
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync(new AuditRecord(AuditActions.SignInFailed, target,
                "a\u0000b\u202Ec\n" + new string('长', 3000), Succeeded: false) { ActorName = "some\tone", ClientAddress = "203.0.113.7" });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        var entry = await App.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Target == target));
        Assert.Equal(("some one", "203.0.113.7", false), (entry.ActorName, entry.ClientAddress, entry.Succeeded));
        Assert.Null(entry.ActorId); // no request: nobody signed in
        Assert.StartsWith("a\uFFFDb\uFFFDc 长", entry.Detail);
        Assert.Equal(AuditLimits.Detail, entry.Detail!.Length);
        Assert.EndsWith("…", entry.Detail);
        Assert.Equal(0, await App.QueryAsync(db => db.DeclarationWindows.CountAsync(w => w.Year == 1999)));
    }

    [Fact]
    public async Task TheDatabase_RefusesToUpdateOrDeleteAuditRows() =>
        await AppendOnly.AssertRefusedAsync(App);
}

/// <summary>The append-only check shared by the SQLite and PostgreSQL runs: raw SQL from outside the app is refused too.</summary>
internal static class AppendOnly
{
    public static async Task AssertRefusedAsync(NominationFixture app)
    {
        var target = "append-only-" + Guid.NewGuid().ToString("N");
        using (var scope = app.Factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync(new AuditRecord(AuditActions.SignIn, target, "原始记录"));
        var database = app.Factory.Services.GetRequiredService<AppDatabase>();
        await using var connection = database.OpenConnection();
        foreach (var sql in new[]
                 {
                     $"UPDATE \"AuditEntries\" SET \"Detail\" = '篡改', \"Succeeded\" = {(database.IsPostgreSql ? "false" : "0")} WHERE \"Target\" = '{target}'",
                     $"DELETE FROM \"AuditEntries\" WHERE \"Target\" = '{target}'",
                     "DELETE FROM \"AuditEntries\"",
                 })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
        var entry = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Target == target));
        Assert.Equal(("原始记录", true), (entry.Detail, entry.Succeeded));
    }
}

[Collection(PostgreSqlSecurityAuditCollection.Name)]
public sealed class PostgreSqlSecurityAuditTests(PostgreSqlNominationFixture app)
{
    [Fact]
    public async Task TheDatabase_RefusesToUpdateOrDeleteAuditRows() => await AppendOnly.AssertRefusedAsync(app);

    [Fact]
    public async Task ADecision_IsAudited_OnPostgreSql()
    {
        var steps = new Steps(app);
        await steps.DecideAndCheckAsync();
    }

    private sealed class Steps(NominationFixture fixture) : NominationSteps(fixture)
    {
        public async Task DecideAndCheckAsync()
        {
            var nomination = await SubmitNewAsync("shexian", "341021", "审计测试PG企业");
            var task = await TaskAsync("city", nomination, "市级评审");
            var taskId = task["id"]!.GetValue<string>();
            await ReadAsync(await CompleteAsync("city", taskId, "退回修改", "补充材料"), HttpStatusCode.OK);
            var entry = await App.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.TaskDecided && e.Target == taskId));
            Assert.Equal(("city", "127.0.0.1", true), (entry.ActorName, entry.ClientAddress, entry.Succeeded));
            Assert.Contains("环节：市级评审", entry.Detail);
        }
    }
}
