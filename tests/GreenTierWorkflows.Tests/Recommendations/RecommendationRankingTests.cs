using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Tests.Documents;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Recommendations;

/// <summary>
/// 市级推荐排序 over HTTP: the city ranks the nominations waiting at 市级推荐 (2026 quota: 2), saves the ranking, and
/// decides them all by it; the 推荐汇总表 follows the ranking; districts are refused and a refused request changes nothing.
/// </summary>
[Collection(RecommendationCollection.Name)]
public sealed class RecommendationRankingTests(RecommendationFixture app) : NominationSteps(app)
{
    private const int Year = RecommendationFixture.Year;

    /// <summary>A new provincial nomination taken through 市级评审 and 现场核查: it now waits at 市级推荐.</summary>
    private async Task<string> WaitingAsync(string user, string district, string name, decimal score)
    {
        var id = await SubmitNewAsync(user, district, name, year: Year);
        await App.WithDbAsync(db => db.Nominations.Where(n => n.Id == id).ExecuteUpdate(s => s.SetProperty(n => n.Score, score)));
        await DecideAsync("city", id, "市级评审", "通过", "指标较好");
        await DecideAsync("verifier", id, "现场核查", "通过", "现场情况与申报一致");
        await TaskAsync("city", id, "市级推荐");
        return id;
    }

    private async Task<List<JsonObject>> RankingAsync(string user = "city")
    {
        var page = await ReadAsync(await (await App.ClientAsync(user)).GetAsync($"/api/recommendations?year={Year}&pageSize=100"), HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    /// <summary>Saves the ranking as the city (asserting 200); returns the ranked list the answer holds.</summary>
    private async Task<List<JsonObject>> SaveRankingAsync(IEnumerable<string> ids)
    {
        var response = await (await App.ClientAsync("city")).PutAsJsonAsync($"/api/recommendations/{Year}/ranking", new { nominationIds = ids });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    private static List<string> Ids(IEnumerable<JsonObject> items) => items.Select(i => i["nominationId"]!.GetValue<string>()).ToList();

    private async Task<Dictionary<string, int?>> RanksAsync() =>
        await App.QueryAsync(db => db.Nominations.Where(n => n.Year == Year).ToDictionaryAsync(n => n.Id, n => n.RecommendationRank));

    [Fact]
    public async Task District_IsRefused_AndOnlyTheCityReviewerChangesTheRanking()
    {
        await WaitingAsync("tunxi", "341002", "屯溪排序权限测试厂", 80);
        foreach (var (method, url) in new[] { (HttpMethod.Get, $"/api/recommendations?year={Year}"), (HttpMethod.Put, $"/api/recommendations/{Year}/ranking"),
                     (HttpMethod.Post, $"/api/recommendations/{Year}/decisions") })
        {
            var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Get ? null : JsonContent.Create(new { nominationIds = new[] { "x" }, comment = "x" }) };
            var problem = await ReadAsync(await (await App.ClientAsync("shexian")).SendAsync(request), HttpStatusCode.Forbidden);
            Assert.Equal("无权操作", problem["title"]!.GetValue<string>());
            Assert.Contains("区县", problem["detail"]!.GetValue<string>());
        }

        // The verifier is city-wide: it sees the ranking but may not change it.
        var seen = await RankingAsync("verifier");
        Assert.NotEmpty(seen);
        var refused = await ReadAsync(await (await App.ClientAsync("verifier")).PutAsJsonAsync($"/api/recommendations/{Year}/ranking", new { nominationIds = Ids(seen) }),
            HttpStatusCode.Forbidden);
        Assert.Contains("只有市级评审", refused["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ranking_IsRefusedAtTheField_WhenItRepeatsLeavesOutOrAddsANomination_AndChangesNothing()
    {
        var waitingId = await WaitingAsync("shexian", "341021", "歙县排序校验测试厂", 82);
        await WaitingAsync("tunxi", "341002", "屯溪排序校验测试厂", 81);
        var draft = await DraftAsync("shexian", "341021", "歙县排序校验草稿厂");
        var all = Ids(await RankingAsync());
        Assert.Contains(waitingId, all);
        var before = await RanksAsync();

        var cases = new (string[] Ids, string Expected)[]
        {
            ([.. all, all[0]], "重复"),
            ([.. all.Skip(1)], "缺少"),
            ([.. all, draft], "不在 2026 年度市级推荐环节"),
            ([], "请按名次提交"),
        };
        foreach (var (ids, expected) in cases)
        {
            var problem = await ReadAsync(await (await App.ClientAsync("city")).PutAsJsonAsync($"/api/recommendations/{Year}/ranking", new { nominationIds = ids }),
                HttpStatusCode.BadRequest);
            var field = string.Join(" ", problem["errors"]!["nominationIds"]!.AsArray().Select(m => m!.GetValue<string>()));
            Assert.True(field.Contains(expected, StringComparison.Ordinal), $"expected 「{expected}」 at nominationIds: {problem}");
            Assert.Equal(before, await RanksAsync());
        }

        // The reverse order is saved: ranks 1..n as sent, and the list follows them.
        var reversed = Enumerable.Reverse(all).ToList();
        var saved = await SaveRankingAsync(reversed);
        Assert.Equal(reversed, Ids(saved));
        Assert.Equal(reversed, Ids(await RankingAsync()));
        var ranks = await RanksAsync();
        Assert.Equal(Enumerable.Range(1, reversed.Count).Select(i => (int?)i), reversed.Select(id => ranks[id]));
    }

    [Fact]
    public async Task SavingARanking_WritesAHistoryLinePerNominationWhoseRankChanged_AndNoneForTheOthers()
    {
        var first = await WaitingAsync("shexian", "341021", "歙县排序历史甲厂", 88);
        var second = await WaitingAsync("tunxi", "341002", "屯溪排序历史乙厂", 87);
        var third = await WaitingAsync("shexian", "341021", "歙县排序历史丙厂", 86);
        var ranking = new List<string> { first, second, third };
        ranking.AddRange(Ids(await RankingAsync()).Except(ranking));
        var before = await RanksAsync();
        await SaveRankingAsync(ranking);

        static List<JsonNode> RankLines(JsonArray history) =>
            history.Where(h => h!["action"]!.GetValue<string>() == "调整推荐排序").Select(h => h!).ToList();
        var initial = RankLines(await HistoryAsync("shexian", first));
        var line = Assert.Single(initial);
        var was = before[first] is { } rank ? $"第 {rank}" : "未排序";
        Assert.Equal($"{was} → 第 1", line["comment"]!.GetValue<string>());

        // 丙 moves to first place: 丙, 甲 and 乙 each change rank; whatever waits below keeps its rank and gets no line.
        var moved = new List<string> { third, first, second };
        moved.AddRange(ranking.Skip(3));
        var othersBefore = await App.QueryAsync(db => db.NominationEvents.CountAsync(e => ranking.Skip(3).Contains(e.NominationId) && e.Action == "调整推荐排序"));
        await SaveRankingAsync(moved);
        string Comments(List<JsonNode> lines) => string.Join(" | ", lines.Select(h => h["comment"]!.GetValue<string>()));
        var thirdLines = RankLines(await HistoryAsync("shexian", third));
        Assert.True(thirdLines.Count == 2 && thirdLines.Any(h => h["comment"]!.GetValue<string>() == "第 3 → 第 1"), Comments(thirdLines));
        var firstLines = RankLines(await HistoryAsync("shexian", first));
        Assert.True(firstLines.Count == 2 && firstLines.Any(h => h["comment"]!.GetValue<string>() == "第 1 → 第 2"), Comments(firstLines));
        var secondLines = RankLines(await HistoryAsync("tunxi", second));
        var moveLine = secondLines.SingleOrDefault(h => h["comment"]!.GetValue<string>() == "第 2 → 第 3");
        Assert.True(moveLine is not null, Comments(secondLines));
        Assert.False(string.IsNullOrWhiteSpace(moveLine!["actorName"]?.GetValue<string>()), moveLine.ToJsonString());
        Assert.Equal(othersBefore, await App.QueryAsync(db => db.NominationEvents.CountAsync(e => ranking.Skip(3).Contains(e.NominationId) && e.Action == "调整推荐排序")));

        // Saving the same order again changes no rank and writes no line.
        var lines = await App.QueryAsync(db => db.NominationEvents.CountAsync(e => e.Action == "调整推荐排序"));
        await SaveRankingAsync(moved);
        Assert.Equal(lines, await App.QueryAsync(db => db.NominationEvents.CountAsync(e => e.Action == "调整推荐排序")));
    }

    [Fact]
    public async Task BatchDecision_RecommendsTheRanksWithinQuota_AndTheOthersAreNotRecommended_AndTheSummaryFollowsTheRanking()
    {
        var low = await WaitingAsync("shexian", "341021", "歙县批量推荐甲厂", 95);
        var middle = await WaitingAsync("tunxi", "341002", "屯溪批量推荐乙厂", 90);
        var top = await WaitingAsync("shexian", "341021", "歙县批量推荐丙厂", 70);
        // The city ranks 丙 first and 乙 second although their scores say otherwise; whatever else waits goes after them.
        var ranking = new List<string> { top, middle, low };
        ranking.AddRange(Ids(await RankingAsync()).Except(ranking));
        await SaveRankingAsync(ranking);
        var listed = await RankingAsync();
        Assert.Equal(ranking, Ids(listed));
        Assert.Equal([true, true, false], listed.Take(3).Select(i => i["withinQuota"]!.GetValue<bool>()));
        var quota = await ReadAsync(await (await App.ClientAsync("city")).GetAsync($"/api/recommendations/{Year}/quota"), HttpStatusCode.OK);
        Assert.Equal((2, 0, ranking.Count), (quota["quota"]!.GetValue<int>(), quota["recommended"]!.GetValue<int>(), quota["waiting"]!.GetValue<int>()));

        var city = await App.ClientAsync("city");
        var over = await ReadAsync(await city.PostAsJsonAsync($"/api/recommendations/{Year}/decisions", new { comment = "按排名推荐", recommend = 3 }), HttpStatusCode.BadRequest);
        Assert.Contains("超出年度推荐名额（2 个）", over["errors"]!["recommend"]![0]!.GetValue<string>());
        var noComment = await ReadAsync(await city.PostAsJsonAsync($"/api/recommendations/{Year}/decisions", new { comment = "" }), HttpStatusCode.BadRequest);
        Assert.NotNull(noComment["errors"]!["comment"]);
        var stale = await ReadAsync(await city.PostAsJsonAsync($"/api/recommendations/{Year}/decisions",
            new { comment = "按排名推荐", ranking = Enumerable.Reverse(ranking) }), HttpStatusCode.Conflict);
        Assert.Contains("排序已被修改", stale["detail"]!.GetValue<string>());
        Assert.Equal(ranking.Count, (await RankingAsync()).Count);

        var result = await ReadAsync(await city.PostAsJsonAsync($"/api/recommendations/{Year}/decisions",
            new { comment = "经市级综合排序，名额内推荐", ranking }), HttpStatusCode.OK);
        Assert.Equal((2, ranking.Count - 2), (result["recommended"]!.GetValue<int>(), result["notRecommended"]!.GetValue<int>()));
        Assert.All(result["items"]!.AsArray(), i => Assert.True(i!["decided"]!.GetValue<bool>(), i.ToJsonString()));
        Assert.Empty(await RankingAsync());

        foreach (var (user, id) in new[] { ("shexian", top), ("tunxi", middle) })
        {
            var n = await NominationAsync(user, id);
            Assert.Equal(("InProgress", "省级评审"), (n["status"]!.GetValue<string>(), n["stage"]!.GetValue<string>()));
            await TaskAsync("province", id, "省级评审");
        }
        var notRecommended = await NominationAsync("shexian", low);
        Assert.Equal(("Rejected", "市级未推荐"), (notRecommended["status"]!.GetValue<string>(), notRecommended["stage"]!.GetValue<string>()));
        // The same decision as on the task page: one history line each, with the common comment.
        var history = await HistoryAsync("city", low);
        Assert.Contains(history, h => h!["action"]!.GetValue<string>() == "不通过" && h["comment"]?.GetValue<string>() == "经市级综合排序，名额内推荐");
        var again = await ReadAsync(await city.PostAsJsonAsync($"/api/recommendations/{Year}/decisions", new { comment = "再次提交" }), HttpStatusCode.Conflict);
        Assert.Contains("没有等待市级推荐的申报", again["detail"]!.GetValue<string>());

        // The 推荐汇总表 lists the recommended by the city's rank: 丙 first, then 乙.
        var document = await ReadAsync(await city.PostAsync($"/api/documents/city-recommendation?year={Year}&format=xlsx", null), HttpStatusCode.OK);
        var content = await city.GetAsync($"/api/documents/{document["id"]!.GetValue<string>()}/content");
        var rows = DocumentGenerationTests.ReadXlsx(await content.Content.ReadAsByteArrayAsync());
        Assert.Equal([("1", "歙县批量推荐丙厂"), ("2", "屯溪批量推荐乙厂")], rows.Skip(1).Select(r => (r[0], r[2])).ToList());
    }
}
