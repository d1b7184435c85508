using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static GreenTierWorkflows.Tests.TestSupport.RegistryFixture;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>
/// <c>/api/readiness</c> on the real app in demo mode: a district sees its own pool members' ladder (the demo data puts
/// 屯溪区's three members in three states), never another district's (404), records a follow-up for a gap; the city sees all.
/// </summary>
public abstract class ReadinessApiTests(RegistryFixture fx)
{
    private const string Listed = "黄山市屯溪区新安茶业有限公司";
    private const string Expiring = "黄山市屯溪徽韵漆器有限公司";
    private const string Barred = "黄山市屯溪精工汽车零部件有限公司";

    private static async Task<JsonObject> BoardAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/readiness{query}{(query.Contains('?') ? '&' : '?')}pageSize=100");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static JsonNode Row(JsonObject board, string name) =>
        board["items"]!.AsArray().FirstOrDefault(r => r.Str("memberName") == name)
        ?? throw new Xunit.Sdk.XunitException($"「{name}」不在培育梯度中：{string.Join("、", board["items"]!.AsArray().Select(r => r.Str("memberName")))}");

    private static JsonNode Cell(JsonNode row, string tier) => row["cells"]!.AsArray().Single(c => c.Str("tier") == tier)!;

    [Fact]
    public async Task ADistrictSeesItsOwnLadder_WithTheDemoMembersInEveryState()
    {
        var board = await BoardAsync(fx.TunxiOfficial);
        var round = JsonNode.Parse(await fx.TunxiOfficial.GetStringAsync("/api/readiness/round"))!;
        Assert.True(round["roundYear"]!.GetValue<int>() >= 2026, round.ToJsonString());
        Assert.EndsWith(".json", round.Str("rulesSource"));

        Assert.All(board["items"]!.AsArray(), r => Assert.Equal(Tunxi, r.Str("districtCode")));
        Assert.Equal("Listed", Cell(Row(board, Listed), "City").Str("standing"));
        Assert.Equal("Ready", Cell(Row(board, Listed), "Province").Str("standing"));

        var expiring = Cell(Row(board, Expiring), "City");
        Assert.Equal("Gaps", expiring.Str("standing"));
        var certificate = expiring["gaps"]!.AsArray().Single(g => g.Str("key") == "certificate:GB/T 45001")!;
        Assert.NotEqual("Met", certificate.Str("state"));
        Assert.Contains("GB/T 45001 证书", certificate.Str("evidence"));
        Assert.Equal("NotEligible", Cell(Row(board, Expiring), "Province").Str("standing"));

        var barred = Cell(Row(board, Barred), "City");
        Assert.Equal("NotEligible", barred.Str("standing"));
        Assert.Contains(barred["gaps"]!.AsArray(), g => g.Str("key") == "negativeList" && g.Str("evidence")!.Contains("失信被执行人"));
    }

    [Fact]
    public async Task TheCitysLadder_IsPagedInTheDatabase_WithAndWithoutAStandingFilter()
    {
        var all = await BoardAsync(fx.City);
        var total = all["total"]!.GetValue<int>();
        Assert.True(total >= 4, all.ToJsonString());
        var names = all["items"]!.AsArray().Select(r => r.Str("memberId")).ToList();

        // Pages of two in the same order as the whole list, each row once, the total the same on every page.
        var paged = new List<string?>();
        for (var page = 1; page <= (total + 1) / 2; page++)
        {
            var one = JsonNode.Parse(await fx.City.GetStringAsync($"/api/readiness?page={page}&pageSize=2"))!;
            Assert.Equal(total, one["total"]!.GetValue<int>());
            paged.AddRange(one["items"]!.AsArray().Select(r => r.Str("memberId")));
        }
        Assert.Equal(names, paged);

        // A standing filter is judged after assessing: its total counts only the matches, its pages hold only matches.
        var standing = Cell(all["items"]!.AsArray()[^1]!, "Province").Str("standing");
        var matching = all["items"]!.AsArray().Where(r => Cell(r!, "Province").Str("standing") == standing).Select(r => r!.Str("memberId")).ToList();
        Assert.True(matching.Count < total, $"every member is 省级 {standing}: the filter would not be tested");
        var last = JsonNode.Parse(await fx.City.GetStringAsync($"/api/readiness?tier=Province&standing={standing}&page={matching.Count}&pageSize=1"))!;
        Assert.Equal(matching.Count, last["total"]!.GetValue<int>());
        Assert.Equal(matching[^1], Assert.Single(last["items"]!.AsArray())!.Str("memberId"));
    }

    [Fact]
    public async Task ThePagesRows_AreReadWithoutTheCount_AndTheCountApartMatchesTheApisTotal()
    {
        var city = new Official("t-city", "city", "市经信局", [Roles.CityReviewer], null);
        var tunxi = new Official("t-tunxi", "tunxi", "屯溪区工信局", [Roles.District], Tunxi);
        var all = await BoardAsync(fx.City);
        var standing = Cell(all["items"]!.AsArray()[^1]!, "Province").Str("standing");
        var queries = new (Official Who, HttpClient Client, ReadinessQuery Query, string Url)[]
        {
            (city, fx.City, new ReadinessQuery(), ""),
            (tunxi, fx.TunxiOfficial, new ReadinessQuery(), ""),
            (city, fx.City, new ReadinessQuery(Tier: Tier.Province, Standing: Enum.Parse<TierStanding>(standing!)), $"?tier=Province&standing={standing}"),
        };
        foreach (var (who, client, query, url) in queries)
        {
            var api = await BoardAsync(client, url);
            using var scope = fx.Factory.Services.CreateScope();
            var readiness = scope.ServiceProvider.GetRequiredService<ReadinessService>();

            // The rows come alone (no count), the same rows as the API's page; the count apart is the API's total, in the same scope.
            var rows = (await readiness.RowsAsync(who, query, new PageRequest(1, 100))).Value!;
            Assert.Null(rows.Total);
            Assert.Equal(api["items"]!.AsArray().Select(r => r!.Str("memberId")), rows.Rows.Select(r => r.MemberId));
            var count = await readiness.CountAsync(who, query);
            Assert.Equal(api["total"]!.GetValue<int>(), count.Value);
            Assert.True(count.Value > 0, $"nothing matched {url}: the count would not be tested");

            // A page past the first holds only what follows: the rows of one page, not the whole scope.
            var second = (await readiness.RowsAsync(who, query, new PageRequest(2, 1))).Value!;
            Assert.Equal(api["items"]!.AsArray().Skip(1).Take(1).Select(r => r!.Str("memberId")), second.Rows.Select(r => r.MemberId));
        }

        // A refused filter is refused by both halves alike.
        using (var scope = fx.Factory.Services.CreateScope())
        {
            var readiness = scope.ServiceProvider.GetRequiredService<ReadinessService>();
            Assert.NotNull((await readiness.CountAsync(city, new ReadinessQuery(District: "nowhere"))).Error);
            Assert.NotNull((await readiness.RowsAsync(city, new ReadinessQuery(District: "nowhere"), new PageRequest(1, 20))).Error);
        }
    }

    [Fact]
    public async Task AnotherDistrictsMember_IsNotFound_AndTheCitySeesEveryDistrict()
    {
        var city = await BoardAsync(fx.City);
        var districts = city["items"]!.AsArray().Select(r => r.Str("districtCode")).Distinct().ToList();
        Assert.Contains(Tunxi, districts);
        Assert.Contains(Shexian, districts);
        var shexianMember = city["items"]!.AsArray().First(r => r.Str("districtCode") == Shexian)!.Str("memberId");

        Assert.Equal(HttpStatusCode.NotFound, (await fx.TunxiOfficial.GetAsync($"/api/readiness/{shexianMember}")).StatusCode);
        var put = await fx.TunxiOfficial.PutAsJsonAsync($"/api/readiness/{shexianMember}/follow-ups", new { criterionKey = "score", assignee = "张三" });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.ShexianOfficial.GetAsync($"/api/readiness/{shexianMember}")).StatusCode);

        var filtered = await BoardAsync(fx.City, $"?district={Shexian}");
        Assert.All(filtered["items"]!.AsArray(), r => Assert.Equal(Shexian, r.Str("districtCode")));
        var tunxiOnly = await BoardAsync(fx.TunxiOfficial, $"?district={Shexian}");
        Assert.Empty(tunxiOnly["items"]!.AsArray());
    }

    [Fact]
    public async Task ADistrictRecordsAFollowUp_TheCityMayNot_AndTheExportHoldsOnlyTheDistrictsMembers()
    {
        var member = Row(await BoardAsync(fx.TunxiOfficial), Expiring).Str("memberId");
        var put = await fx.TunxiOfficial.PutAsJsonAsync($"/api/readiness/{member}/follow-ups",
            new { criterionKey = "certificate:GB/T 45001", guidance = "联系认证机构提前换证", assignee = "李科长", dueOn = $"{CurrentYear + 1}-03-31" });
        var body = await put.Content.ReadAsStringAsync();
        Assert.True(put.StatusCode == HttpStatusCode.OK, body);
        var line = JsonNode.Parse(body)!["followUps"]!.AsArray().Single(f => f.Str("criterionKey") == "certificate:GB/T 45001")!;
        Assert.Equal(("李科长", $"{CurrentYear + 1}-03-31"), (line.Str("assignee"), line.Str("dueOn")));

        var refused = await fx.City.PutAsJsonAsync($"/api/readiness/{member}/follow-ups", new { criterionKey = "score" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var unknown = await fx.TunxiOfficial.PutAsJsonAsync($"/api/readiness/{member}/follow-ups", new { criterionKey = "" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var export = await fx.TunxiOfficial.GetAsync("/exports/readiness.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = (await export.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (string?)r["培育对象"] == Expiring && ((string?)r["跟进情况"])!.Contains("李科长"));
        Assert.All(rows, r => Assert.Equal("屯溪区", r["区县"]));
    }

    [Fact]
    public async Task ThePlan_CountsTheReadyFactories_AgainstTheTarget_AndWarnsWhileTheWindowIsAhead()
    {
        var response = await fx.City.GetAsync("/api/readiness/plan");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var plan = JsonNode.Parse(body)!;
        Assert.Equal(2, plan["target"]!.GetValue<int>());
        Assert.Contains(Listed, plan["readyMembers"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(5, plan["stages"]!.AsArray().Count);
        var expected = plan["expected"]!.GetValue<double>();
        Assert.Equal(plan["readyMembers"]!.AsArray().Count * plan["passRate"]!.GetValue<double>(), expected, 6);
        Assert.True(expected < 2, body);
        Assert.Contains("低于年度目标 2 家", plan.Str("warning"));

        var tunxi = JsonNode.Parse(await fx.TunxiOfficial.GetStringAsync("/api/readiness/plan"))!;
        Assert.All(tunxi["candidates"]!.AsArray(), c => Assert.Equal("屯溪区", c.Str("districtName")));
    }
}

[Collection(RegistryCollection.Name)]
public sealed class SqliteReadinessApiTests(RegistryFixture fx) : ReadinessApiTests(fx);

/// <summary>The same tests with the app on PostgreSQL (scale-out mode): the ReadinessFollowUps migration and the ladder's queries there.</summary>
[Collection(PostgreSqlRegistryCollection.Name)]
public sealed class PostgreSqlReadinessApiTests(PostgreSqlRegistryFixture fx) : ReadinessApiTests(fx);
