using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 培育梯度 (/readiness) with more members than a page: the rows show on their own and the pager's 「共 n 条」 once the
/// count (asked apart, after the rows) answers, the API's total; the next page is the API's next rows. An app of its own,
/// as the members added here would change the demo's plan in <see cref="ReadinessPageTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadinessCountTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ALadderLongerThanAPage_ShowsItsRows_ThenTheCountOfAll_AndPagesLikeTheApi()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "readiness-count");
        await s.SignInAsync("shexian");
        for (var i = 0; i < 21; i++)
        {
            var enterprise = await CreateAsync(s, "/api/enterprises", new
            {
                creditCode = DemoCode("341021", 71_000 + i), name = $"歙县梯度分页企业{i:00}有限公司", districtCode = "341021",
                industryCode = "C2414", ownership = "民营", address = "安徽省黄山市歙县", contactName = "王经理", contactPhone = "13905590000",
            });
            await CreateAsync(s, "/api/pools", new { year = Year, enterpriseId = enterprise.GetProperty("id").GetString(), targetType = "GreenFactory" });
        }
        var total = await TotalAsync(s, "/api/readiness");
        Assert.True(total > 20, $"歙县 has {total} members: one page would hold them");
        var second = (await ItemsAsync(s, "/api/readiness?page=2")).Select(r => r.GetProperty("memberName").GetString()!).ToList();

        await s.Page.GotoAsync("/readiness");
        var rows = s.Page.GetByTestId("readiness-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(20, new() { Timeout = BrowserSession.Timeout });
        await Expect(s.Page.GetByTestId("readiness-count")).ToHaveTextAsync($"第 1–20 条，共 {total} 条", new() { Timeout = BrowserSession.Timeout });
        await Expect(s.Page.GetByTestId("readiness-counting")).ToHaveCountAsync(0);
        await s.AtWidthsAsync("counted");

        await s.Page.GetByTestId("readiness-paging").Locator("button", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*2\s*$") }).ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("page=2"));
        await Expect(s.Page.GetByTestId("readiness-count")).ToHaveTextAsync($"第 21–{Math.Min(40, total)} 条，共 {total} 条", new() { Timeout = BrowserSession.Timeout });
        await Expect(s.Page.GetByTestId("member-name").Locator("a, .mud-link").First).ToHaveTextAsync(second[0]);
        Assert.Equal(second, (await s.Page.GetByTestId("member-name").Locator("a, .mud-link").AllInnerTextsAsync()).Select(t => t.Trim()).Distinct().ToList());
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
