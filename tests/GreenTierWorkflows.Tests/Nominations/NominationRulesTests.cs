using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>Scope, conflicts and refused input: a clear Chinese message and the database exactly as before.</summary>
public abstract class NominationRulesTests(NominationFixture app) : NominationSteps(app)
{
    private Task<string> FingerprintAsync() => App.QueryAsync(async db =>
        $"{await db.Nominations.CountAsync()}|{await db.Materials.CountAsync()}|{await db.NominationEvents.CountAsync()}|" +
        $"{await db.ReviewTasks.CountAsync(t => t.Status == Domain.Tasks.ReviewTaskStatus.Open)}|{await db.OutboxNotices.CountAsync()}|" +
        string.Join(",", await db.Nominations.OrderBy(n => n.Id).Select(n => n.Id + n.Status + n.Stage).ToListAsync()));

    [Fact]
    public async Task Drafts_AreDeletedByTheirDistrictOnly_SubmittedNominationsNever_AndEachDeletionIsAudited()
    {
        var enterprise = await App.EnrolEnterpriseAsync("341021", "歙县草稿删除测试企业");
        var shexian = await App.ClientAsync("shexian");
        var id = (await ReadAsync(await shexian.PostAsJsonAsync("/api/nominations", Draft(enterprise)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await ReadAsync(await UploadAsync("shexian", id, Pdf()), HttpStatusCode.Created);
        var submitted = await SubmitNewAsync("shexian", "341021", "歙县已提交删除测试企业");

        var before = await FingerprintAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("tunxi")).DeleteAsync($"/api/nominations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("city")).DeleteAsync($"/api/nominations/{id}")).StatusCode);
        var refused = await ReadAsync(await shexian.DeleteAsync($"/api/nominations/{submitted}"), HttpStatusCode.Conflict);
        Assert.Contains("只有从未提交的草稿可以删除", refused["detail"]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await shexian.DeleteAsync($"/api/nominations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shexian.GetAsync($"/api/nominations/{id}")).StatusCode);
        var (materials, events, audited) = (
            await App.QueryAsync(db => db.Materials.IgnoreQueryFilters().CountAsync(m => m.NominationId == id)),
            await App.QueryAsync(db => db.NominationEvents.CountAsync(e => e.NominationId == id)),
            await App.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == Domain.Audit.AuditActions.DraftDeleted && a.Target == id)));
        Assert.Equal((0, 0), (materials, events));
        Assert.Equal("shexian", audited.ActorName);
        Assert.Contains("歙县草稿删除测试企业", audited.Detail);
        Assert.Contains("材料 1 份", audited.Detail);
        Assert.Equal(HttpStatusCode.NotFound, (await shexian.DeleteAsync($"/api/nominations/{id}")).StatusCode);
    }

    /// <summary>
    /// A page lists its nominations in the list's order on both engines: the page's ids are read in that order first and its
    /// rows then fetched by id, which the database returns in an order of its own (PostgreSQL: the primary key's).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListPages_KeepTheListsOrder_WhenTheirRowsAreFetchedById(bool descending)
    {
        var tag = "页序" + Guid.NewGuid().ToString("N")[..6];
        foreach (var name in new[] { "戊", "甲", "丁", "乙", "丙" }) await DraftAsync("shexian", "341021", $"{tag}企业{name}");
        var client = await App.ClientAsync("shexian");

        var shown = new List<string>();
        foreach (var page in new[] { 1, 2 })
        {
            var list = await ReadAsync(await client.GetAsync($"/api/nominations?keyword={tag}&sort=applicant&desc={descending}&pageSize=3&page={page}"), HttpStatusCode.OK);
            Assert.Equal(5, (int)list["total"]!);
            shown.AddRange(list["items"]!.AsArray().Select(n => n!["applicantName"]!.GetValue<string>()));
        }

        var expected = shown.Order(StringComparer.Ordinal).ToList();
        if (descending) expected.Reverse();
        Assert.Equal(5, shown.Count);
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task Endpoints_HideAnotherDistrictsNominationAndTasks_FromADistrictOfficial()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县茶企甲");
        await DecideAsync("city", id, "市级评审", "退回修改", "补充材料");
        var task = await TaskAsync("shexian", id, "退回修改");
        var taskId = task["id"]!.GetValue<string>();
        var tunxi = await App.ClientAsync("tunxi");
        var before = await FingerprintAsync();

        var list = await ReadAsync(await tunxi.GetAsync("/api/nominations?pageSize=100"), HttpStatusCode.OK);
        var tasks = await ReadAsync(await tunxi.GetAsync("/api/tasks?pageSize=100"), HttpStatusCode.OK);
        Assert.DoesNotContain(id, list["items"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(taskId, tasks["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await tunxi.GetAsync($"/api/nominations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tunxi.GetAsync($"/api/nominations/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tunxi.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tunxi.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tunxi.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "重新提交" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tunxi.PostAsync($"/api/nominations/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync("tunxi", id, Pdf())).StatusCode);
        // A role without the task's role sees nothing either, even city-wide.
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("verifier")).GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(before, await FingerprintAsync());

        await DecideAsync("shexian", id, "退回修改", "重新提交");
    }

    [Fact]
    public async Task CompleteTask_GivesOneSuccessAndOneConflict_WhenDoneTwiceOrConcurrently()
    {
        var first = await SubmitNewAsync("shexian", "341021", "歙县茶企乙");
        var taskId = (await TaskAsync("city", first, "市级评审"))["id"]!.GetValue<string>();
        await ReadAsync(await CompleteAsync("city", taskId, "通过"), HttpStatusCode.OK);
        var again = await ReadAsync(await CompleteAsync("city", taskId, "通过"), HttpStatusCode.Conflict);
        Assert.Contains("不能重复办理", again["detail"]!.GetValue<string>());

        var second = await SubmitNewAsync("shexian", "341021", "歙县茶企丙");
        var concurrentId = (await TaskAsync("city", second, "市级评审"))["id"]!.GetValue<string>();
        var results = await Task.WhenAll(CompleteAsync("city", concurrentId, "通过"), CompleteAsync("city", concurrentId, "不通过", "并发测试"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order());
        var decisions = await App.QueryAsync(db => db.NominationEvents.CountAsync(e => e.TaskId == concurrentId && (e.Action == "通过" || e.Action == "不通过")));
        Assert.Equal(1, decisions);
        var open = await App.QueryAsync(db => db.ReviewTasks.Where(t => t.NominationId == second && t.Status == Domain.Tasks.ReviewTaskStatus.Open).Select(t => t.Stage).ToListAsync());
        var status = (await NominationAsync("shexian", second))["status"]!.GetValue<string>();
        Assert.True((status == "InProgress" && open.SequenceEqual(["现场核查"])) || (status == "Rejected" && open.Count == 0), $"{status}: {string.Join(",", open)}");
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAChineseMessage_AndChangesNothing()
    {
        var enterprise = await App.EnrolEnterpriseAsync("341021", "歙县茶企丁");
        var client = await App.ClientAsync("shexian");
        var before = await FingerprintAsync();

        var dirty = Draft(enterprise);
        dirty["negativeList"]![4]!["clear"] = false;
        var refused = await ReadAsync(await client.PostAsJsonAsync("/api/nominations", dirty), HttpStatusCode.BadRequest);
        Assert.Equal("负面清单第 5 项（存在未完成的节能整改）：近三年存在该情形的不得申报。", refused["errors"]!["negativeList"]![0]!.GetValue<string>());
        dirty["negativeList"]![0]!["clear"] = false;
        dirty["negativeList"]![5]!["clear"] = false;
        var several = await ReadAsync(await client.PostAsJsonAsync("/api/nominations", dirty), HttpStatusCode.BadRequest);
        Assert.Equal("负面清单第 1、5、6 项未确认「不存在」：近三年存在其中任一情形的不得申报。", several["errors"]!["negativeList"]![0]!.GetValue<string>());
        var notInPool = await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise, Tier.Province, 2027)), HttpStatusCode.BadRequest);
        Assert.Contains("不在 2027 年度绿色工厂培育库中", notInPool["errors"]!["enterpriseId"]![0]!.GetValue<string>());
        var national = await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise, Tier.National)), HttpStatusCode.BadRequest);
        Assert.Contains("国家级只能从省级名单中遴选", national["errors"]!["targetTier"]![0]!.GetValue<string>());
        var cityUser = await ReadAsync(await (await App.ClientAsync("city")).PostAsJsonAsync("/api/nominations", Draft(enterprise)), HttpStatusCode.Forbidden);
        Assert.Contains("只有区县主管部门", cityUser["detail"]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync());

        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var afterCreate = await FingerprintAsync();
        var noMaterials = await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.BadRequest);
        Assert.Contains("请先上传申报材料", noMaterials["detail"]!.GetValue<string>());
        var tooLarge = await ReadAsync(await UploadAsync("shexian", id, Pdf(300_000)), HttpStatusCode.BadRequest);
        Assert.Contains("文件过大", tooLarge["errors"]!["file"]![0]!.GetValue<string>());
        var notPdf = await ReadAsync(await UploadAsync("shexian", id, "hello"u8.ToArray(), "说明.docx"), HttpStatusCode.BadRequest);
        Assert.Contains("只接受 PDF", notPdf["errors"]!["file"]![0]!.GetValue<string>());
        Assert.Equal(afterCreate, await FingerprintAsync());

        await ReadAsync(await UploadAsync("shexian", id, Pdf()), HttpStatusCode.Created);
        var taskOfCity = await SubmitAndFirstTaskAsync(id);
        var withoutReason = await ReadAsync(await CompleteAsync("city", taskOfCity, "退回修改"), HttpStatusCode.BadRequest);
        Assert.Contains("必须填写意见", withoutReason["errors"]!["comment"]![0]!.GetValue<string>());
        var unknownOutcome = await ReadAsync(await CompleteAsync("city", taskOfCity, "同意"), HttpStatusCode.BadRequest);
        Assert.Contains("通过 / 退回修改 / 不通过", unknownOutcome["errors"]!["outcome"]![0]!.GetValue<string>());
        var wrongRole = await CompleteAsync("shexian", taskOfCity, "通过");
        Assert.Equal(HttpStatusCode.NotFound, wrongRole.StatusCode);
        Assert.Equal("Open", (await TaskAsync("city", id, "市级评审"))["status"]!.GetValue<string>());
    }

    private async Task<string> SubmitAndFirstTaskAsync(string id)
    {
        await ReadAsync(await (await App.ClientAsync("shexian")).PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
        return (await TaskAsync("city", id, "市级评审"))["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Submit_IsRefusedNamingTheWindowDates_WhenTheWindowHasClosed()
    {
        await App.WithDbAsync(db => db.DeclarationWindows.Add(new Domain.Windows.DeclarationWindow
        {
            Id = "w-2028", Year = 2028, Type = NominationType.GreenFactory, Tier = Tier.Province,
            OpensAt = new(2026, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)), ClosesAt = new(2026, 5, 31, 0, 0, 0, TimeSpan.FromHours(8)),
            DistrictDeadline = new(2026, 6, 8, 0, 0, 0, TimeSpan.FromHours(8)), UpdatedAt = NominationFixture.Now,
        }));
        var enterprise = await App.EnrolEnterpriseAsync("341021", "歙县茶企戊", 2028);
        var client = await App.ClientAsync("shexian");
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise, Tier.Province, 2028)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await ReadAsync(await UploadAsync("shexian", id, Pdf()), HttpStatusCode.Created);
        var before = await FingerprintAsync();

        var late = await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.Conflict);

        Assert.Contains("2026-05-01 00:00 至 2026-05-31 00:00", late["detail"]!.GetValue<string>());
        Assert.Contains("逾期不予受理", late["detail"]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal("Draft", (await NominationAsync("shexian", id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Recommendation_IsRefused_WhenTheYearsProvincialQuotaIsUsedUp()
    {
        var ids = new List<string>();
        foreach (var name in new[] { "歙县茶企己", "歙县茶企庚" })
        {
            var enterprise = await App.EnrolEnterpriseAsync("341021", name, 2029);
            var client = await App.ClientAsync("shexian");
            var id = (await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterprise, Tier.Province, 2029)), HttpStatusCode.Created))["id"]!.GetValue<string>();
            await ReadAsync(await UploadAsync("shexian", id, Pdf()), HttpStatusCode.Created);
            await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
            await DecideAsync("city", id, "市级评审", "通过");
            await DecideAsync("verifier", id, "现场核查", "通过");
            ids.Add(id);
        }
        await DecideAsync("city", ids[0], "市级推荐", "通过");
        var second = await TaskAsync("city", ids[1], "市级推荐");
        var before = await FingerprintAsync();

        var refused = await ReadAsync(await CompleteAsync("city", second["id"]!.GetValue<string>(), "通过"), HttpStatusCode.Conflict);

        Assert.Contains("2029 年度市级向省级推荐名额为 1 个，已推荐 1 个，名额已满", refused["detail"]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync());
        await DecideAsync("city", ids[1], "市级推荐", "不通过", "名额已满，列入下一年度培育");
        Assert.Equal("Rejected", (await NominationAsync("shexian", ids[1]))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ParkAndSupplyChainNominations_RunTheirOwnDefinitions()
    {
        var parkId = Guid.NewGuid().ToString("N");
        var chainId = await App.EnrolEnterpriseAsync("341071", "黄山高新区供应链龙头企业", 2026, NominationType.GreenSupplyChain);
        await App.WithDbAsync(db =>
        {
            db.Parks.Add(new Domain.Registry.IndustrialPark { Id = parkId, Name = "安徽黄山高新技术产业开发区", DistrictCode = "341071", Level = "省级", CreatedAt = NominationFixture.Now });
            db.PoolMemberships.Add(new Domain.Pools.PoolMembership { Id = Guid.NewGuid().ToString("N"), DistrictCode = "341071", Year = 2026, ParkId = parkId, MemberName = "安徽黄山高新技术产业开发区", TargetType = NominationType.GreenPark, EnrolledAt = NominationFixture.Now, EnrolledBy = "test" });
        });
        var client = await App.ClientAsync("gaoxin");
        var results = new Dictionary<string, string>();
        foreach (var (type, body) in new[]
        {
            ("green-park-nomination", new JsonObject { ["type"] = "GreenPark", ["parkId"] = parkId }),
            ("green-supply-chain-nomination", new JsonObject { ["type"] = "GreenSupplyChain", ["enterpriseId"] = chainId }),
        })
        {
            body["targetTier"] = "Province";
            body["year"] = 2026;
            body["evaluationMode"] = "SelfEvaluation";
            body["negativeList"] = CleanNegativeList();
            var id = (await ReadAsync(await client.PostAsJsonAsync("/api/nominations", body), HttpStatusCode.Created))["id"]!.GetValue<string>();
            await ReadAsync(await UploadAsync("gaoxin", id, Pdf()), HttpStatusCode.Created);
            var submitted = await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
            Assert.Equal(type, submitted["workflowDefinitionId"]!.GetValue<string>());
            foreach (var (user, stage) in new[] { ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"), ("province", "省级评审") })
                await DecideAsync(user, id, stage, "通过");
            results[type] = (await NominationAsync("gaoxin", id))["status"]!.GetValue<string>();
        }
        Assert.Equal("Listed", results["green-park-nomination"]);
        Assert.Equal("Listed", results["green-supply-chain-nomination"]);
        Assert.Equal(1, await App.QueryAsync(db => db.Listings.CountAsync(l => l.ParkId == parkId && l.Type == NominationType.GreenPark)));
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteNominationRulesTests(NominationFixture app) : NominationRulesTests(app);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlNominationRulesTests(PostgreSqlNominationFixture app) : NominationRulesTests(app);
