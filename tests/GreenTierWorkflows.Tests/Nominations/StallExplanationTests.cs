using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>为何停滞 gets its own app and clock: its deadlines and waiting times must be exactly those of the walk below.</summary>
[CollectionDefinition(Name)]
public sealed class StallCollection : ICollectionFixture<NominationFixture>
{
    public const string Name = "Stall explanation";
}

/// <summary>The same on PostgreSQL (scale-out mode), with an app and database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlStallCollection : ICollectionFixture<PostgreSqlNominationFixture>
{
    public const string Name = "Stall explanation on PostgreSQL";
}

/// <summary>
/// 为何停滞 (<c>GET /api/nominations/{id}/stall</c>) for a nomination waiting at every step of the factory workflow — a draft
/// without its report, a draft whose window is not open, 市级评审 (claimed, and one overdue), 退回修改, 现场核查, 市级公示,
/// 公示异议核查, 市级推荐, 省级评审, 国家级评审, 国家级公示 — and for finished ones; each driven through the real workflow.
/// The overdue nomination is submitted first, then the clock moves 12 days (its 10-day deadline passes), then the rest
/// are walked at that moment (a Saturday, 2026-06-27 10:00 北京时间).
/// </summary>
public abstract class StallExplanationTests(NominationFixture app) : NominationSteps(app)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<NominationFixture, Dictionary<string, string>> Walks = [];
    private static readonly DateTimeOffset WalkedAt = NominationFixture.Now.AddDays(12);

    [Fact]
    public async Task Draft_WithoutItsReport_NamesTheMissingMaterial_AndTheDistrictActs()
    {
        var s = await StallAsync("shexian", "draft");
        Assert.Equal(("草稿", "区县主管部门", "歙县工信局", false), (Text(s, "stage"), Text(s, "holderRoleName"), Text(s, "holderUnitName"), s["finished"]!.GetValue<bool>()));
        Assert.Contains("缺少「评价报告」材料（PDF）", Missing(s));
        Assert.Contains("提交（区县推荐）", Text(s, "action"));
        Assert.Equal($"/nominations/{Walk["draft"]}", Text(s, "actionLink"));
        Assert.Null((await StallAsync("city", "draft"))["actionLink"]);
    }

    [Fact]
    public async Task Draft_WhoseWindowIsNotOpen_SaysSo()
    {
        var s = await StallAsync("shexian", "closed");
        Assert.DoesNotContain(Missing(s), m => m.Contains("评价报告"));
        Assert.Contains(Missing(s), m => m.Contains("2027 年度市级绿色工厂申报窗口为") && m.Contains("当前不在可提交时间内"));
    }

    [Fact]
    public async Task CityReview_NamesTheHolder_WhoClaimedIt_SinceAndDue_AndLinksTheReviewerToTheTask()
    {
        var s = await StallAsync("city", "review");
        Assert.Equal(("等待市级评审", "市级评审", "市级评审", "黄山市工信局"), (Text(s, "headline"), Text(s, "stage"), Text(s, "holderRoleName"), Text(s, "holderUnitName")));
        Assert.False(string.IsNullOrEmpty(Text(s, "claimedBy")), "the task was claimed by the city reviewer");
        Assert.Equal(WalkedAt, s["since"]!.GetValue<DateTimeOffset>());
        Assert.Equal(WalkedAt.AddDays(10), s["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal((0, 0.0), (s["overdueDays"]!.GetValue<int>(), s["waitingDays"]!.GetValue<double>()));
        Assert.DoesNotContain("任务尚未认领", Missing(s));
        Assert.Equal($"/tasks/{Text(s, "taskId")}", Text(s, "actionLink"));
        Assert.Null((await StallAsync("shexian", "review"))["actionLink"]);
    }

    [Fact]
    public async Task CityReview_PastItsDeadline_IsOverdueByTheDaysPassed_AndUnclaimed()
    {
        var s = await StallAsync("city", "overdue");
        Assert.Equal(("等待市级评审（已逾期 2 天）", 2, 12.0), (Text(s, "headline"), s["overdueDays"]!.GetValue<int>(), s["waitingDays"]!.GetValue<double>()));
        Assert.Equal(NominationFixture.Now.AddDays(10), s["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.True(s["overdue"]!.GetValue<bool>());
        Assert.Contains("任务尚未认领", Missing(s));
    }

    [Fact]
    public async Task Returned_ShowsTheReturnReason_AndTheDistrictResubmits()
    {
        var s = await StallAsync("shexian", "returned");
        Assert.Equal(("已退回修改，等待区县重新提交", "退回修改", "区县主管部门", "歙县工信局"),
            (Text(s, "headline"), Text(s, "stage"), Text(s, "holderRoleName"), Text(s, "holderUnitName")));
        Assert.StartsWith("按退回意见修改：请补充能源审计报告", Missing(s)[0]);
        Assert.Contains("重新提交", Text(s, "action"));
        Assert.Equal($"/tasks/{Text(s, "taskId")}", Text(s, "actionLink"));
        Assert.Null((await StallAsync("city", "returned"))["actionLink"]);
    }

    [Fact]
    public async Task OnSiteVerification_IsHeldByTheVerifiers()
    {
        var s = await StallAsync("verifier", "onsite");
        Assert.Equal(("等待现场核查", "现场核查组", "黄山市工信局"), (Text(s, "headline"), Text(s, "holderRoleName"), Text(s, "holderUnitName")));
        Assert.Contains("核查记录", Text(s, "action"));
        Assert.NotNull(s["actionLink"]);
    }

    [Fact]
    public async Task CityPublicNotice_RunsFiveWorkingDays_WithNothingToDo()
    {
        var s = await StallAsync("shexian", "notice");
        var calendar = App.Factory.Services.GetRequiredService<WorkingDayCalendar>();
        Assert.Equal(("市级公示期间（尚余 5 个工作日）", "市级公示"), (Text(s, "headline"), Text(s, "stage")));
        Assert.Equal(calendar.AddWorkingDays(WalkedAt, 5), s["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(WalkedAt, s["since"]!.GetValue<DateTimeOffset>());
        Assert.Equal(5, s["remainingWorkingDays"]!.GetValue<int>());
        Assert.Null(s["taskId"]);
        Assert.Contains("公示期满无异议自动继续", Text(s, "action"));
    }

    [Fact]
    public async Task ObjectionCheck_AfterAnObjection_IsHeldByTheCityReviewers()
    {
        var s = await StallAsync("city", "objection");
        Assert.Equal(("等待公示异议核查", "市级评审"), (Text(s, "headline"), Text(s, "holderRoleName")));
    }

    [Fact]
    public async Task CityRecommendation_ShowsTheQuotaDecision()
    {
        var s = await StallAsync("city", "recommend");
        Assert.Equal("市级推荐", Text(s, "stage"));
        Assert.Contains(Missing(s), m => m.StartsWith("市级推荐决定：2026 年度推荐名额 9 个", StringComparison.Ordinal) && m.Contains("尚余"));
    }

    [Fact]
    public async Task ProvincialReview_WaitsForTheProvince()
    {
        var s = await StallAsync("province", "province");
        Assert.Equal(("等待省级评审", "省级联络员"), (Text(s, "headline"), Text(s, "holderRoleName")));
        Assert.StartsWith("安徽省工信厅", Text(s, "holderUnitName"));
        Assert.Contains("等待安徽省工信厅的评审结果", Missing(s));
    }

    [Fact]
    public async Task NationalReview_WaitsForTheMinistry()
    {
        var s = await StallAsync("province", "national");
        Assert.Equal("等待国家级评审", Text(s, "headline"));
        Assert.StartsWith("工业和信息化部", Text(s, "holderUnitName"));
        Assert.Contains("等待工业和信息化部的评审结果", Missing(s));
    }

    [Fact]
    public async Task NationalPublicNotice_EndsFifteenDaysOn()
    {
        var s = await StallAsync("tunxi", "nationalNotice");
        Assert.Equal("国家级公示", Text(s, "stage"));
        Assert.Equal(WalkedAt.AddDays(15), s["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("listed", "已办结：已列入名单（已列入省级名单）")]
    [InlineData("rejected", "已办结：未通过（市级评审未通过）")]
    public async Task Finished_IsSaidToBeFinished_WithNothingWaiting(string key, string headline)
    {
        var s = await StallAsync("shexian", key);
        Assert.Equal((true, headline), (s["finished"]!.GetValue<bool>(), Text(s, "headline")));
        Assert.Null(s["taskId"]);
        Assert.Empty(Missing(s));
    }

    [Fact]
    public async Task OtherDistricts_GetNotFound_TheCityAndTheOwnDistrictSeeIt()
    {
        await WalkOnceAsync();
        var id = Walk["review"];
        using var tunxi = await (await App.ClientAsync("tunxi")).GetAsync($"/api/nominations/{id}/stall");
        Assert.Equal(HttpStatusCode.NotFound, tunxi.StatusCode);
        Assert.Contains("不存在或无权访问", await tunxi.Content.ReadAsStringAsync());
        foreach (var user in new[] { "shexian", "city", "verifier", "province" })
        {
            using var seen = await (await App.ClientAsync(user)).GetAsync($"/api/nominations/{id}/stall");
            Assert.True(seen.StatusCode == HttpStatusCode.OK, $"{user}: {(int)seen.StatusCode}");
        }
    }

    private Dictionary<string, string> Walk => Walks[App];

    private async Task<JsonObject> StallAsync(string user, string key)
    {
        await WalkOnceAsync();
        return await ReadAsync(await (await App.ClientAsync(user)).GetAsync($"/api/nominations/{Walk[key]}/stall"), HttpStatusCode.OK);
    }

    private static string? Text(JsonObject o, string name) => o[name]?.GetValue<string>();

    private static List<string> Missing(JsonObject o) => o["missing"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();

    private async Task WalkOnceAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Walks.ContainsKey(App)) return;
            var walk = new Dictionary<string, string>();
            walk["overdue"] = await SubmitNewAsync("shexian", "341021", "歙县停滞逾期企业");
            App.AdvanceClock(TimeSpan.FromDays(12));
            Assert.Equal(WalkedAt, App.Clock.GetUtcNow());

            walk["draft"] = await DraftAsync("shexian", "341021", "歙县停滞草稿企业");
            await App.WithDbAsync(db => db.DeclarationWindows.Where(w => w.Year == 2027 && w.Type == NominationType.GreenFactory && w.Tier == Tier.City)
                .ExecuteUpdate(w => w.SetProperty(x => x.OpensAt, WalkedAt.AddDays(30))));
            var closedOf = await App.EnrolEnterpriseAsync("341021", "歙县窗口未开企业", 2027);
            var closed = await ReadAsync(await (await App.ClientAsync("shexian")).PostAsJsonAsync("/api/nominations", Draft(closedOf, Tier.City, 2027)), HttpStatusCode.Created);
            walk["closed"] = closed["id"]!.GetValue<string>();
            await ReadAsync(await UploadAsync("shexian", walk["closed"], Pdf()), HttpStatusCode.Created);

            walk["review"] = await SubmitNewAsync("shexian", "341021", "歙县停滞市级评审企业");
            var review = await TaskAsync("city", walk["review"], "市级评审");
            await ReadAsync(await (await App.ClientAsync("city")).PostAsync($"/api/tasks/{review["id"]!.GetValue<string>()}/claim", null), HttpStatusCode.OK);

            walk["returned"] = await SubmitNewAsync("shexian", "341021", "歙县停滞退回企业");
            await DecideAsync("city", walk["returned"], "市级评审", "退回修改", "请补充能源审计报告");

            walk["onsite"] = await SubmitNewAsync("shexian", "341021", "歙县停滞现场核查企业");
            await DecideAsync("city", walk["onsite"], "市级评审", "通过");

            walk["notice"] = await PassAsync("歙县停滞市级公示企业", Tier.City, ("city", "市级评审"), ("verifier", "现场核查"));
            walk["objection"] = await PassAsync("歙县停滞异议企业", Tier.City, ("city", "市级评审"), ("verifier", "现场核查"));
            await ReadAsync(await (await App.ClientAsync("city")).PostAsJsonAsync($"/api/nominations/{walk["objection"]}/objections", new { content = "群众反映夜间排放" }), HttpStatusCode.OK);
            walk["recommend"] = await PassAsync("歙县停滞市级推荐企业", Tier.Province, ("city", "市级评审"), ("verifier", "现场核查"));
            walk["province"] = await PassAsync("歙县停滞省级评审企业", Tier.Province, ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"));
            walk["rejected"] = await SubmitNewAsync("shexian", "341021", "歙县停滞未通过企业");
            await DecideAsync("city", walk["rejected"], "市级评审", "不通过", "能耗高于行业平均水平");

            // National: an enterprise already on the provincial list applies for the national one (屯溪区).
            var provincial = await App.EnrolEnterpriseAsync("341002", "屯溪停滞国家级企业");
            var provincial2 = await App.EnrolEnterpriseAsync("341002", "屯溪停滞国家级公示企业");
            await App.WithDbAsync(db => db.Listings.AddRange(
                new Listing { Id = Guid.NewGuid().ToString("N"), Type = NominationType.GreenFactory, Tier = Tier.Province, EnterpriseId = provincial, ApplicantName = "屯溪停滞国家级企业", DistrictCode = "341002", Year = 2025, ListedOn = new DateOnly(2025, 12, 1) },
                new Listing { Id = Guid.NewGuid().ToString("N"), Type = NominationType.GreenFactory, Tier = Tier.Province, EnterpriseId = provincial2, ApplicantName = "屯溪停滞国家级公示企业", DistrictCode = "341002", Year = 2025, ListedOn = new DateOnly(2025, 12, 1) }));
            walk["national"] = await SubmitNationalAsync(provincial, ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"), ("province", "省级评审"));
            walk["nationalNotice"] = await SubmitNationalAsync(provincial2, ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"), ("province", "省级评审"), ("province", "国家级评审"));

            walk["listed"] = await PassAsync("歙县停滞已列入企业", Tier.Province, ("city", "市级评审"), ("verifier", "现场核查"), ("city", "市级推荐"), ("province", "省级评审"));
            Walks[App] = walk;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<string> PassAsync(string name, Tier tier, params (string User, string Stage)[] steps)
    {
        var id = await SubmitNewAsync("shexian", "341021", name, tier);
        foreach (var (user, stage) in steps) await DecideAsync(user, id, stage, "通过");
        return id;
    }

    private async Task<string> SubmitNationalAsync(string enterpriseId, params (string User, string Stage)[] steps)
    {
        var client = await App.ClientAsync("tunxi");
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/nominations", Draft(enterpriseId, Tier.National)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await ReadAsync(await UploadAsync("tunxi", id, Pdf()), HttpStatusCode.Created);
        await ReadAsync(await client.PostAsync($"/api/nominations/{id}/submit", null), HttpStatusCode.OK);
        foreach (var (user, stage) in steps) await DecideAsync(user, id, stage, "通过");
        return id;
    }
}

[Collection(StallCollection.Name)]
public sealed class SqliteStallExplanationTests(NominationFixture app) : StallExplanationTests(app);

/// <summary>The same explanations with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlStallCollection.Name)]
public sealed class PostgreSqlStallExplanationTests(PostgreSqlNominationFixture app) : StallExplanationTests(app);
