using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>The host of <see cref="RecommendationRankingPageTests"/>: this year's provincial quota is 2, so three waiting nominations cross the quota line.</summary>
public sealed class RecommendationAppFixture : AppFixture
{
    protected override IEnumerable<(string Key, string Value)> Settings => [($"Nominations__ProvincialQuota__{OfficialsApi.Year}", "2")];
}

/// <summary>
/// 市级推荐排序 in Chromium: a district is refused the page; three nominations wait at 市级推荐 with a quota of 2; the city moves the third up with the
/// keyboard, saves, and submits by rank after a confirmation naming who is recommended and who is not; the two within
/// the quota reach 省级评审, the third ends 市级未推荐; the 推荐汇总表 is generated from the same screen.
/// Screenshots at 1366 and 390 px in artifacts/browser/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecommendationRankingPageTests(BrowserFixture browser, RecommendationAppFixture app) : IClassFixture<RecommendationAppFixture>
{
    private static readonly int Year = OfficialsApi.Year;

    [Fact]
    public async Task City_ReordersSavesAndSubmitsByRank_WithConfirmation()
    {
        var waiting = await WaitingAtRecommendationAsync(("shexian", 2), ("tunxi", 1));

        await using var city = await BrowserSession.StartAsync(browser, app, "ranking-city");
        await city.SignInAsync("city");
        var page = city.Page;
        await page.GotoAsync("/recommendations");
        await Expect(page.Locator("h1")).ToHaveTextAsync("市级推荐排序");
        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "市级推荐排序" })).ToHaveCountAsync(1);
        var rows = page.Locator("[data-testid=ranking-row]");
        await Expect(rows).ToHaveCountAsync(3, new() { Timeout = BrowserSession.Timeout });
        await Expect(page.Locator("[data-testid=quota-line]")).ToHaveTextAsync("名额 2 / 待排序 3");
        await Expect(page.Locator("[data-testid=quota-separator]")).ToHaveCountAsync(1);
        await Expect(rows.Nth(2).Locator("[data-testid=row-quota]")).ToHaveTextAsync("名额外");
        var before = await RowNamesAsync(page);
        Assert.Equal(waiting.Values.Order(StringComparer.Ordinal), before.Order(StringComparer.Ordinal));
        await city.AtWidthsAsync("ranking-initial");

        // The keyboard moves the third up: focus its 上移 and press Enter (until the page has re-rendered the order).
        var third = before[2];
        await PressUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = $"上移 {third}" }), rows.Nth(1).Locator("[data-testid=row-applicant]"), third);
        await Expect(page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await Expect(rows.Nth(2).Locator("[data-testid=row-applicant]")).ToHaveTextAsync(before[1]);
        await Expect(rows.Nth(2).Locator("[data-testid=row-quota]")).ToHaveTextAsync("名额外");
        await Expect(rows.Nth(1).Locator("[data-testid=row-quota]")).ToHaveTextAsync("推荐");
        string[] ranked = [before[0], third, before[1]];

        await page.Locator("[data-testid=save-ranking]").ClickAsync();
        await Expect(page.Locator("[data-testid=unsaved]")).ToHaveCountAsync(0, new() { Timeout = BrowserSession.Timeout });
        var saved = (await OfficialsApi.ItemsAsync(city, $"/api/recommendations?year={Year}")).Select(i => (i.GetProperty("applicant").GetString(), i.GetProperty("rank").GetInt32())).ToList();
        Assert.Equal(ranked.Select((name, i) => ((string?)name, i + 1)), saved);

        // 按排名提交推荐: the confirmation names who is recommended and who is not; nothing is sent before 确认提交.
        await page.Locator("[data-testid=ranking-comment] textarea, textarea[data-testid=ranking-comment]").First.FillAsync("经市级综合排序，按名额推荐");
        var dialog = page.Locator("[data-testid=recommend-confirm]");
        await Retry.ClickUntilVisibleAsync(page.Locator("[data-testid=submit-ranking]"), page.Locator("[data-testid=confirm-recommended]"));
        await Expect(page.Locator("[data-testid=confirm-recommended] li")).ToHaveTextAsync([$"{ranked[0]}（歙县）", $"{ranked[1]}（{DistrictOf(ranked[1], waiting)}）"]);
        await Expect(page.Locator("[data-testid=confirm-not-recommended] li")).ToHaveTextAsync([$"{ranked[2]}（{DistrictOf(ranked[2], waiting)}）"]);
        await Expect(page.GetByText("提交后不可撤回")).ToBeVisibleAsync();
        await city.AtWidthsAsync("ranking-confirm");
        Assert.Equal(3, await OfficialsApi.TotalAsync(city, $"/api/recommendations?year={Year}"));
        await page.Locator("[data-testid=confirm-ok]").ClickAsync();

        await Expect(page.Locator("[data-testid=decision-result]")).ToContainTextAsync("推荐 2 个，未推荐 1 个", new() { Timeout = BrowserSession.Timeout });
        await Expect(page.Locator("[data-testid=no-recommendations]")).ToBeVisibleAsync();
        foreach (var (name, stage) in new[] { (ranked[0], "省级评审"), (ranked[1], "省级评审"), (ranked[2], "市级未推荐") })
        {
            var id = waiting.Single(w => w.Value == name).Key.Id;
            Assert.Equal(stage, (await OfficialsApi.GetJsonAsync(city, $"/api/nominations/{id}")).GetProperty("stage").GetString());
        }

        await page.Locator("[data-testid=generate-city-pdf]").ClickAsync();
        await Expect(page.Locator("[data-testid=document-link]")).ToContainTextAsync("推荐汇总表", new() { Timeout = BrowserSession.Timeout });
        await city.AtWidthsAsync("ranking-submitted");
        city.AssertNoExternalRequestsOrConsoleErrors();
    }

    private static string DistrictOf(string name, Dictionary<(string Id, string User), string> waiting) =>
        waiting.Single(w => w.Value == name).Key.User == "tunxi" ? "屯溪区" : "歙县";

    private static async Task<List<string>> RowNamesAsync(IPage page) =>
        [.. await page.Locator("[data-testid=ranking-row] [data-testid=row-applicant]").AllTextContentsAsync()];

    /// <summary>Presses Enter on the focused button until <paramref name="target"/> shows <paramref name="text"/> (a key press during a re-render can be lost).</summary>
    private static async Task PressUntilAsync(ILocator button, ILocator target, string text)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserSession.Timeout);
        await button.FocusAsync();
        await button.PressAsync("Enter");
        while ((await target.TextContentAsync())?.Trim() != text)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"「{text}」 did not move up after Enter.");
            await Task.Delay(500);
            if ((await target.TextContentAsync())?.Trim() == text) break;
            await button.FocusAsync();
            await button.PressAsync("Enter");
        }
    }

    /// <summary>
    /// Drafts and submits green-factory nominations for the districts' first pool members and takes each through 市级评审 and
    /// 现场核查 (all 符合) over the API; answers applicant name by (nomination id, district user).
    /// </summary>
    private async Task<Dictionary<(string Id, string User), string>> WaitingAtRecommendationAsync(params (string User, int Count)[] drafts)
    {
        var made = new Dictionary<(string Id, string User), string>();
        foreach (var (user, count) in drafts)
        {
            await using var district = await BrowserSession.StartAsync(browser, app, $"ranking-drafts-{user}");
            await district.SignInAsync(user);
            // A district has no menu entry and the page refuses it in Chinese (the ranking is the city's).
            await district.Page.GotoAsync("/recommendations");
            await Expect(district.Page.Locator("[data-testid=page-error]")).ToContainTextAsync("区县不能查看", new() { Timeout = BrowserSession.Timeout });
            await Expect(district.Page.Locator("[data-testid=ranking], [data-testid=no-recommendations]")).ToHaveCountAsync(0);
            var members = (await OfficialsApi.ItemsAsync(district, $"/api/pools?year={Year}&pageSize=100"))
                .Where(m => m.GetProperty("targetType").GetString() == "GreenFactory" && m.GetProperty("isActive").GetBoolean()).Take(count).ToList();
            Assert.Equal(count, members.Count);
            foreach (var member in members)
            {
                var created = await OfficialsApi.CreateDraftAsync(district, member);
                var id = created.GetProperty("id").GetString()!;
                await OfficialsApi.SubmitAsync(district, user, id);
                made[(id, user)] = created.GetProperty("applicantName").GetString()!;
            }
        }
        foreach (var (id, _) in made.Keys)
        {
            await DecideAsync("city", id, "市级评审");
            await DecideAsync("verifier", id, "现场核查");
        }
        return made;
    }

    /// <summary>Approves the user's open task on the nomination over the API (a checklist answered all 符合).</summary>
    private async Task DecideAsync(string user, string nominationId, string stage)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
        var login = await http.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password = AppFixture.DemoPassword });
        Assert.True(login.IsSuccessStatusCode, $"login {user}: {login.StatusCode}");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        JsonElement? task = null;
        for (var attempt = 0; attempt < 60 && task is null; attempt++)
        {
            var inbox = await http.GetFromJsonAsync<JsonElement>("/api/tasks?pageSize=100");
            task = inbox.GetProperty("items").EnumerateArray().Cast<JsonElement?>()
                .FirstOrDefault(t => t!.Value.GetProperty("nominationId").GetString() == nominationId && t.Value.GetProperty("stage").GetString() == stage);
            if (task is null) await Task.Delay(500);
        }
        Assert.True(task is not null, $"{user} has no {stage} task on {nominationId}");
        var checklist = task.Value.TryGetProperty("checklist", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => new { code = i.GetProperty("code").GetString(), verdict = "符合", note = (string?)null }).ToArray()
            : null;
        var decided = await http.PostAsJsonAsync($"/api/tasks/{task.Value.GetProperty("id").GetString()}/complete", new { outcome = "通过", comment = "同意", checklist });
        Assert.True(decided.IsSuccessStatusCode, $"{user} {stage}: {decided.StatusCode} {await decided.Content.ReadAsStringAsync()}");
    }
}
