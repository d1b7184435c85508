using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// Finding things (issue 17, item 5) on lists that page on the server (issue 20): in 申报管理 and 培育库 the city
/// reviewer filters by district and searches by name; every filter and the page go into the URL, so a reload — or the
/// link opened in another browser — shows the same rows; the export link carries the same filters. 我的待办 keeps its
/// keyword in the URL too and shows each task's target tier.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ListsInUrlTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Nominations_DistrictAndKeyword_AreKeptInTheUrl_AndAReloadShowsTheSameRows()
    {
        await CreateDraftsAsync(browser, app, "lists-nominations", ("qimen", 2), ("shexian", 1));
        await using var s = await BrowserSession.StartAsync(browser, app, "lists-nominations");
        await s.SignInAsync("city");
        var target = (await ItemsAsync(s, $"/api/nominations?year={Year}&district=341024&pageSize=1")).First().GetProperty("applicantName").GetString()!;
        var keyword = target[..Math.Min(6, target.Length)];
        var expected = await TotalAsync(s, $"/api/nominations?year={Year}&district=341024&keyword={Uri.EscapeDataString(keyword)}&pageSize=1");

        await s.Page.GotoAsync("/nominations");
        await Expect(s.Page.GetByTestId("nomination-table")).ToBeVisibleAsync();
        await MudUi.SelectAsync(s.Page, "filter-district", "祁门县");
        await Expect(s.Page).ToHaveURLAsync(new Regex("district=341024"));
        await s.Page.GetByTestId("keyword").FillAsync(keyword);
        await Expect(s.Page).ToHaveURLAsync(new Regex("keyword=" + Regex.Escape(Uri.EscapeDataString(keyword))));
        var links = s.Page.GetByTestId("nomination-link");
        await Expect(links).ToHaveCountAsync(expected);
        await Expect(links.Filter(new() { HasText = target })).ToHaveCountAsync(1);
        await Expect(s.Page.GetByTestId("export-nominations")).ToHaveAttributeAsync("href", new Regex("^/exports/nominations\\.xlsx\\?.*district=341024.*keyword="));
        await s.AtWidthsAsync("filtered");

        // The same view after a reload, and from the copied link in a fresh browser of another city official.
        var url = s.Page.Url;
        await s.Page.ReloadAsync();
        await Expect(s.Page.GetByTestId("keyword")).ToHaveValueAsync(keyword);
        await Expect(s.Page.GetByTestId("filter-district")).ToContainTextAsync("祁门县");
        await Expect(links).ToHaveCountAsync(expected);
        await using var other = await BrowserSession.StartAsync(browser, app, "lists-nominations-link");
        await other.SignInAsync("city");
        await other.Page.GotoAsync(url);
        await Expect(other.Page.GetByTestId("nomination-link")).ToHaveCountAsync(expected);
        await Expect(other.Page.GetByTestId("nomination-link").Filter(new() { HasText = target })).ToHaveCountAsync(1);

        // A keyword matching nothing says so; the district official has no district filter and sees only his unit.
        await s.Page.GetByTestId("keyword").FillAsync("没有这样的企业");
        await Expect(s.Page.GetByTestId("no-nominations")).ToHaveTextAsync("没有符合条件的申报。");
        s.AssertNoExternalRequestsOrConsoleErrors();
        other.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task Pools_PageAndFilters_AreKeptInTheUrl_AndAReloadShowsTheSamePage()
    {
        // 祁门县 enrols a few more enterprises, so that the city's pool has more than one page.
        await using (var qimen = await BrowserSession.StartAsync(browser, app, "lists-pools-enrol"))
        {
            await qimen.SignInAsync("qimen");
            for (var i = 1; i <= 6; i++)
            {
                var enterprise = await CreateAsync(qimen, "/api/enterprises", new
                {
                    name = $"祁门县列表测试企业{i:00}有限公司", creditCode = DemoCode("341024", 40_000 + i), districtCode = "341024",
                    industryCode = "C2041", ownership = "民营",
                });
                await CreateAsync(qimen, "/api/pools", new { year = Year, enterpriseId = enterprise.GetProperty("id").GetString(), targetType = "GreenFactory" });
            }
        }
        await using var s = await BrowserSession.StartAsync(browser, app, "lists-pools");
        await s.SignInAsync("city");
        var total = await TotalAsync(s, $"/api/pools?year={Year}&pageSize=1");
        Assert.True(total > 20, $"the demo pool has more than one page ({total}).");
        var secondPage = (await ItemsAsync(s, $"/api/pools?year={Year}&page=2")).First().GetProperty("memberName").GetString()!;

        await s.Page.GotoAsync("/pools");
        await Expect(s.Page.GetByTestId("member-name")).ToHaveCountAsync(20);
        await s.Page.Locator("button[aria-label='下一页']").First.ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex("page=2"));
        await Expect(s.Page.GetByTestId("member-name").First).ToHaveTextAsync(secondPage);
        await s.Page.ReloadAsync();
        await Expect(s.Page.GetByTestId("member-name").First).ToHaveTextAsync(secondPage);
        await Expect(s.Page.GetByTestId("pool-pager")).ToContainTextAsync($"第 21–{Math.Min(40, total)} 条，共 {total} 条");

        // District and keyword: back to the first page, both in the URL, the same rows after a reload.
        await MudUi.SelectAsync(s.Page, "district-filter", "祁门县");
        await Expect(s.Page).ToHaveURLAsync(new Regex("district=341024"));
        await Expect(s.Page).Not.ToHaveURLAsync(new Regex("page=2"));
        var member = (await ItemsAsync(s, $"/api/pools?year={Year}&district=341024&pageSize=1")).First().GetProperty("memberName").GetString()!;
        var keyword = member[..Math.Min(5, member.Length)];
        var expected = await TotalAsync(s, $"/api/pools?year={Year}&district=341024&keyword={Uri.EscapeDataString(keyword)}&pageSize=1");
        await s.Page.GetByTestId("keyword").FillAsync(keyword);
        await Expect(s.Page).ToHaveURLAsync(new Regex("keyword="));
        await Expect(s.Page.GetByTestId("member-name")).ToHaveCountAsync(Math.Min(expected, 20));
        await Expect(s.Page.GetByTestId("member-name").Filter(new() { HasText = member })).ToHaveCountAsync(1);
        await s.AtWidthsAsync("filtered");
        await s.Page.ReloadAsync();
        await Expect(s.Page.GetByTestId("keyword")).ToHaveValueAsync(keyword);
        await Expect(s.Page.GetByTestId("member-name")).ToHaveCountAsync(Math.Min(expected, 20));
        await Expect(s.Page.GetByTestId("export-pool")).ToHaveAttributeAsync("href", new Regex("^/exports/pools\\.xlsx\\?.*district=341024.*keyword="));
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task Inbox_KeywordIsKeptInTheUrl_AndEachTaskShowsItsTargetTier()
    {
        // 黄山区 files and submits one nomination (over the API with a bearer token, as scripts do): the city reviewer's task.
        string applicant;
        await using (var district = await BrowserSession.StartAsync(browser, app, "lists-inbox-submit"))
        {
            await district.SignInAsync("huangshanqu");
            await CreateDraftsAsync(district, 1);
            var draft = (await ItemsAsync(district, $"/api/nominations?year={Year}&status=Draft&pageSize=1")).First();
            var id = draft.GetProperty("id").GetString()!;
            applicant = draft.GetProperty("applicantName").GetString()!;
            await SubmitAsync(district, "huangshanqu", id);
        }

        await using var s = await BrowserSession.StartAsync(browser, app, "lists-inbox");
        await s.SignInAsync("city");
        await s.Page.GotoAsync("/tasks");
        await Expect(s.Page.GetByTestId("task-table")).ToBeVisibleAsync();
        await s.Page.GetByTestId("keyword").FillAsync(applicant);
        await Expect(s.Page).ToHaveURLAsync(new Regex("keyword="));
        await Expect(s.Page.GetByTestId("task-link")).ToHaveCountAsync(1);
        await Expect(s.Page.GetByTestId("task-link")).ToContainTextAsync(applicant);
        await Expect(s.Page.GetByTestId("task-tier")).ToHaveTextAsync("省级");
        await s.AtWidthsAsync("inbox-keyword");
        await s.Page.ReloadAsync();
        await Expect(s.Page.GetByTestId("keyword")).ToHaveValueAsync(applicant);
        await Expect(s.Page.GetByTestId("task-link")).ToHaveCountAsync(1);
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
