using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>Whole nomination paths over HTTP on SQLite, each asserting the stored state and the history.</summary>
public abstract class NominationPathTests(NominationFixture app) : NominationSteps(app)
{
    [Fact]
    public async Task FactoryNomination_IsListedProvincially_AfterTwoReturnsForRevisionAndApprovals()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县徽州松烟墨业有限公司");

        for (var round = 1; round <= 2; round++)
        {
            await DecideAsync("city", id, "市级评审", "退回修改", $"第 {round} 次退回：能耗数据缺第三方核验报告");
            Assert.Equal("Returned", (await NominationAsync("shexian", id))["status"]!.GetValue<string>());
            await DecideAsync("shexian", id, "退回修改", "重新提交");
        }
        await DecideAsync("city", id, "市级评审", "通过");
        await DecideAsync("verifier", id, "现场核查", "通过");
        await DecideAsync("city", id, "市级推荐", "通过");
        await DecideAsync("province", id, "省级评审", "通过");

        var nomination = await NominationAsync("shexian", id);
        Assert.Equal(("Listed", "已列入省级名单"), (nomination["status"]!.GetValue<string>(), nomination["stage"]!.GetValue<string>()));
        var listing = await App.QueryAsync(db => db.Listings.SingleAsync(l => l.NominationId == id));
        Assert.Equal((Tier.Province, ListingStatus.Active, "341021"), (listing.Tier, listing.Status, listing.DistrictCode));

        var history = await HistoryAsync("city", id);
        var actions = history.Select(h => h!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(2, actions.Count(a => a == "退回修改"));
        Assert.Equal(2, actions.Count(a => a == "重新提交"));
        Assert.Equal(4, actions.Count(a => a == "通过"));
        var returned = history.First(h => h!["action"]!.GetValue<string>() == "退回修改")!;
        Assert.Equal(("市经信局评审员", "第 1 次退回：能耗数据缺第三方核验报告", "green-factory-nomination", 1),
            (returned["actorName"]!.GetValue<string>(), returned["comment"]!.GetValue<string>(), returned["workflowDefinitionId"]!.GetValue<string>(), returned["workflowVersion"]!.GetValue<int>()));

        var notices = await App.QueryAsync(db => db.OutboxNotices.Where(n => n.NominationId == id).ToListAsync());
        var returns = notices.Where(n => n.Kind == NoticeKinds.ReturnedForRevision && n.RecipientEmail == "shexian@demo.greentier.local").ToList();
        Assert.Equal(2, returns.Count);
        // The one mail of each return carries its reasons, the link to the revision task it opened and that task's due date.
        var revisionTasks = await App.QueryAsync(db => db.ReviewTasks.Where(t => t.NominationId == id && t.Stage == "退回修改").ToListAsync());
        Assert.Equal(2, revisionTasks.Count);
        Assert.All(revisionTasks, t => Assert.Single(returns, n => n.ModelJson.Contains($"/tasks/{t.Id}\"", StringComparison.Ordinal)));
        Assert.All(new[] { 1, 2 }, round => Assert.Single(returns, n => n.ModelJson.Contains($"第 {round} 次退回：能耗数据缺第三方核验报告", StringComparison.Ordinal)));
        Assert.All(returns, n => Assert.Contains("\"reviewer_name\":\"市经信局评审员\"", n.ModelJson));
        Assert.All(returns, n => Assert.Contains("\"due_at\"", n.ModelJson));
        Assert.Contains(notices, n => n.Kind == NoticeKinds.TaskAssigned && n.RecipientEmail == "verifier@demo.greentier.local");
        // One mail per return: the 【退回修改】 notice, not a second 【待办】 for the revision task it opens.
        Assert.DoesNotContain(notices, n => n.Kind == NoticeKinds.TaskAssigned && n.RecipientEmail == "shexian@demo.greentier.local");
        var result = Assert.Single(notices, n => n.Kind == NoticeKinds.DecisionResult && n.RecipientEmail == "shexian@demo.greentier.local");
        Assert.Contains("通过，已列入省级绿色工厂名单", result.ModelJson);
        Assert.DoesNotContain(notices, n => n.RecipientEmail == "tunxi@demo.greentier.local");
    }

    [Fact]
    public async Task FactoryNomination_IsListedNationally_FromTheProvincialListAfterA15DayPublicNotice()
    {
        var provincial = await SubmitNewAsync("tunxi", "341002", "屯溪绿茶精制厂", Tier.Province);
        foreach (var (user, stage) in new[] { ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"), ("province", "省级评审") })
            await DecideAsync(user, provincial, stage, "通过");
        var enterpriseId = (await NominationAsync("tunxi", provincial))["enterpriseId"]!.GetValue<string>();
        await App.WithDbAsync(db => db.PoolMemberships.Add(new Domain.Pools.PoolMembership
        {
            Id = Guid.NewGuid().ToString("N"), DistrictCode = "341002", Year = 2027, EnterpriseId = enterpriseId, MemberName = "屯溪绿茶精制厂",
            TargetType = NominationType.GreenFactory, EnrolledAt = NominationFixture.Now, EnrolledBy = "test",
        }));

        var client = await App.ClientAsync("tunxi");
        var created = await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterpriseId, Tier.National, 2027)), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await ReadAsync(await UploadAsync("tunxi", id, Pdf()), HttpStatusCode.Created);
        await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
        foreach (var (user, stage) in new[] { ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"), ("province", "省级评审"), ("province", "国家级评审") })
            await DecideAsync(user, id, stage, "通过");

        Assert.Equal("InProgress", (await NominationAsync("tunxi", id))["status"]!.GetValue<string>());
        App.AdvanceClock(TimeSpan.FromDays(16));
        await WaitUntilAsync(async () => (await NominationAsync("tunxi", id))["status"]!.GetValue<string>() == "Listed");

        var tiers = await App.QueryAsync(db => db.Listings.Where(l => l.EnterpriseId == enterpriseId).OrderBy(l => l.Year).Select(l => l.Tier).ToListAsync());
        Assert.Equal([Tier.Province, Tier.National], tiers);
        var actions = (await HistoryAsync("tunxi", id)).Select(h => h!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("公示开始", actions);
        Assert.Contains("公示结束", actions);
    }

    [Fact]
    public async Task FactoryNomination_IsRejected_AtCityReviewAndOnSite()
    {
        var atCity = await SubmitNewAsync("shexian", "341021", "歙县某化工有限公司");
        var onSite = await SubmitNewAsync("shexian", "341021", "歙县某纺织有限公司");

        await DecideAsync("city", atCity, "市级评审", "不通过", "单位产品能耗高于行业平均水平");
        await DecideAsync("city", onSite, "市级评审", "通过");
        await DecideAsync("verifier", onSite, "现场核查", "不通过", "现场发现淘汰类设备在用");

        Assert.Equal(("Rejected", "市级评审未通过"), Status(await NominationAsync("shexian", atCity)));
        Assert.Equal(("Rejected", "现场核查未通过"), Status(await NominationAsync("shexian", onSite)));
        var openTasks = await App.QueryAsync(db => db.ReviewTasks.Where(t => t.Status == Domain.Tasks.ReviewTaskStatus.Open).Select(t => t.NominationId).ToListAsync());
        Assert.DoesNotContain(atCity, openTasks);
        Assert.DoesNotContain(onSite, openTasks);
        Assert.Equal(0, await App.QueryAsync(db => db.Listings.CountAsync(l => l.NominationId == atCity || l.NominationId == onSite)));
    }

    [Fact]
    public async Task CityTargetNomination_IsListedAfterFiveWorkingDaysOfPublicNotice()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县黄山贡菊加工厂", Tier.City);
        await DecideAsync("city", id, "市级评审", "通过");
        await DecideAsync("verifier", id, "现场核查", "通过");

        // The notice lasts five working days of the app's calendar after the verifier's decision. From the fixture's Monday
        // 2026-06-15 they skip 端午 (06-19…06-21, calendars/2026.json) and end on Tuesday 06-23 at 23:59:59; tests of the
        // collection may have moved the clock before this one runs, so the end is read from the calendar at the clock's now.
        var ends = App.Factory.Services.GetRequiredService<WorkingDayCalendar>().AddWorkingDays(App.Clock.GetUtcNow(), 5);
        Assert.Equal("InProgress", Status(await NominationAsync("shexian", id)).Item1);
        App.AdvanceClock(ends - App.Clock.GetUtcNow() - TimeSpan.FromHours(1));
        await Task.Delay(300);
        Assert.Equal("InProgress", Status(await NominationAsync("shexian", id)).Item1); // an hour before the end: still in notice
        App.AdvanceClock(TimeSpan.FromHours(2));
        await WaitUntilAsync(async () => Status(await NominationAsync("shexian", id)).Item1 == "Listed");
        Assert.Equal(Tier.City, await App.QueryAsync(db => db.Listings.Where(l => l.NominationId == id).Select(l => l.Tier).SingleAsync()));
    }

    [Fact]
    public async Task PublicNoticeObjection_TurnsToAnObjectionCheck_AndCanEndInRejection()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县公示异议测试企业", Tier.City);
        var city = await App.ClientAsync("city");
        var early = await ReadAsync(await city.PostAsJsonAsync($"/api/nominations/{id}/objections", new { content = "群众来信：夜间排放异味" }), HttpStatusCode.Conflict);
        Assert.Contains("不在公示期", early["detail"]!.GetValue<string>());
        await DecideAsync("city", id, "市级评审", "通过");
        await DecideAsync("verifier", id, "现场核查", "通过");

        var empty = await ReadAsync(await city.PostAsJsonAsync($"/api/nominations/{id}/objections", new { content = "" }), HttpStatusCode.BadRequest);
        Assert.Contains("请填写异议内容", empty["errors"]!["content"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("shexian")).PostAsJsonAsync($"/api/nominations/{id}/objections", new { content = "x" })).StatusCode);
        await ReadAsync(await city.PostAsJsonAsync($"/api/nominations/{id}/objections", new { content = "群众来信：夜间排放异味" }), HttpStatusCode.OK);
        await DecideAsync("city", id, "公示异议核查", "不通过", "经核实异议成立：废气处理设施未正常运行");

        Assert.Equal(("Rejected", "公示异议成立"), Status(await NominationAsync("shexian", id)));
        var history = await HistoryAsync("city", id);
        var objection = history.Single(h => h!["action"]!.GetValue<string>() == "公示异议")!;
        Assert.Contains("夜间排放异味", objection["comment"]!.GetValue<string>());
        App.AdvanceClock(TimeSpan.FromDays(10)); // the 公示 timer was withdrawn with the objection: nothing happens when it would have fired
        await Task.Delay(200);
        Assert.Equal(("Rejected", "公示异议成立"), Status(await NominationAsync("shexian", id)));
        Assert.Equal(0, await App.QueryAsync(db => db.Listings.CountAsync(l => l.NominationId == id)));
    }

    private static (string, string) Status(System.Text.Json.Nodes.JsonObject n) => (n["status"]!.GetValue<string>(), n["stage"]!.GetValue<string>());

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        Assert.Fail("Condition not reached after the fake clock advanced.");
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteNominationPathTests(NominationFixture app) : NominationPathTests(app);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlNominationPathTests(PostgreSqlNominationFixture app) : NominationPathTests(app);
