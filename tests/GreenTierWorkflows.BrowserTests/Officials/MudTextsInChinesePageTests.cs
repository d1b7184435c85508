using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// MudBlazor's own texts speak Chinese (issue 20): the 培育库 pager's buttons are labelled 第一页 / 上一页 / 下一页 / 最后一页
/// for screen readers, and no English pager text is left in the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MudTextsInChinesePageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task PoolPager_LabelsItsButtonsInChinese()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "mud-texts-chinese");
        await s.SignInAsync("city");
        await s.Page.GotoAsync("/pools");
        await Expect(s.Page.GetByTestId("member-name").First).ToBeVisibleAsync(); // the rows have come from the server
        var pager = s.Page.GetByTestId("pool-pager");
        await Expect(pager).Not.ToContainTextAsync("共 0 条");
        foreach (var label in new[] { "第一页", "上一页", "下一页", "最后一页" })
            await Expect(pager.Locator($"button[aria-label='{label}']")).ToHaveCountAsync(1);
        var html = await s.Page.ContentAsync();
        foreach (var english in new[] { "Next page", "Previous page", "First page", "Last page", "Rows per page" })
            Assert.False(html.Contains(english, StringComparison.OrdinalIgnoreCase), $"英文界面文字「{english}」仍在 /pools 页面中。");
        await s.AtWidthsAsync("pool-pager-chinese");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }
}
