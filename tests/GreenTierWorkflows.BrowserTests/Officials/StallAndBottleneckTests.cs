using System.Text.RegularExpressions;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// Issue 19 in Chromium: 歙县 submits a nomination; on its page 歙县 reads 为何停滞 (waiting at 市级评审, held by the city's
/// reviewers, not claimed, since/due) without a 去办理 button, the city reviewer gets one that opens the task; on 统计看板 the
/// 瓶颈环节 row of 市级评审 clicks through to the reviewer's inbox filtered to that step (its 逾期 figure to the overdue ones
/// only), and the district × step cell to
/// 申报管理 filtered to 歙县 and that step. Screenshots at 1366 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StallAndBottleneckTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task NominationPage_ExplainsWhyItWaits_AndTheDashboardsBottleneckClicksThroughToTheFilteredLists()
    {
        string id, applicant;
        await using (var district = await BrowserSession.StartAsync(browser, app, "stall-district"))
        {
            await district.SignInAsync("shexian");
            await CreateDraftsAsync(district, 1);
            var draft = (await ItemsAsync(district, $"/api/nominations?year={Year}&status=Draft&pageSize=1")).First();
            (id, applicant) = (draft.GetProperty("id").GetString()!, draft.GetProperty("applicantName").GetString()!);

            await district.Page.GotoAsync($"/nominations/{id}");
            await Expect(district.Page.GetByTestId("stall-headline")).ToContainTextAsync("草稿，尚未提交");
            await Expect(district.Page.GetByTestId("stall-missing")).ToContainTextAsync("缺少「评价报告」材料（PDF）");

            await SubmitAsync(district, "shexian", id);
            await district.Page.ReloadAsync();
            var panel = district.Page.GetByTestId("stall-panel");
            await Expect(panel.GetByTestId("stall-headline")).ToContainTextAsync("等待市级评审");
            await Expect(panel.GetByTestId("stall-holder")).ToHaveTextAsync("市级评审 · 黄山市工信局");
            await Expect(panel.GetByTestId("stall-claimed")).ToHaveTextAsync("未认领");
            await Expect(panel.GetByTestId("stall-due")).ToContainTextAsync(new Regex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"));
            await Expect(panel.GetByTestId("stall-action")).ToContainTextAsync("如何推进：");
            await Expect(panel.GetByTestId("stall-act")).ToHaveCountAsync(0);
            await district.AtWidthsAsync("nomination-stall-district");
            await ElementAt390Async(district, panel, "stall-panel-390");
            district.AssertNoExternalRequestsOrConsoleErrors();
        }

        await using var city = await BrowserSession.StartAsync(browser, app, "stall-city");
        await city.SignInAsync("city");
        var page = city.Page;
        await page.GotoAsync($"/nominations/{id}");
        await Expect(page.GetByTestId("stall-headline")).ToContainTextAsync("等待市级评审");
        await city.AtWidthsAsync("nomination-stall-city");
        await page.GetByTestId("stall-act").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tasks/[0-9a-f]+$"));
        await Expect(page.GetByTestId("task-stage")).ToHaveTextAsync("市级评审");

        await page.GotoAsync("/dashboard");
        var bottleneck = page.GetByTestId("bottlenecks-市级评审-waiting");
        await Expect(bottleneck).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(page.GetByTestId("stage-districts-341021-市级评审")).ToHaveTextAsync(new Regex(@"^\d+"));
        await city.AtWidthsAsync("dashboard-bottlenecks");
        await ElementAt390Async(city, page.GetByTestId("table-bottlenecks"), "bottlenecks-390");

        await bottleneck.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/tasks\\?year={Year}&stage=%E5%B8%82%E7%BA%A7%E8%AF%84%E5%AE%A1$"));
        await Expect(page.GetByTestId("task-link").Filter(new() { HasText = $"{applicant}：市级评审" })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("task-link").Filter(new() { HasNotText = "市级评审" })).ToHaveCountAsync(0);
        await city.StepAsync("bottleneck-inbox");

        // The 逾期 figure opens the same inbox narrowed to the overdue tasks: the new nomination's task is not among them.
        await page.GotoAsync("/dashboard");
        await page.GetByTestId("bottlenecks-市级评审-overdue").Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tasks\\?year=\\d{4}&stage=.+&overdue=true$"));
        await Expect(page.GetByLabel("仅看逾期")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("task-total")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-link").Filter(new() { HasText = applicant })).ToHaveCountAsync(0);
        await city.StepAsync("bottleneck-overdue-inbox");

        await page.GotoAsync("/dashboard");
        await page.GetByTestId("stage-districts-341021-市级评审").Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/nominations\\?year=\\d{4}&stage=.+&district=341021$"));
        await Expect(page.Locator("tbody").GetByText(applicant)).ToHaveCountAsync(1);
        await city.StepAsync("district-step-list");
        city.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>The element alone at a 390 px phone (artifacts/browser/{name}.png), so it can be read at full size.</summary>
    private static async Task ElementAt390Async(BrowserSession s, Microsoft.Playwright.ILocator element, string name)
    {
        var size = s.Page.ViewportSize;
        await s.Page.SetViewportSizeAsync(390, 844);
        await s.DomSettledAsync();
        await element.ScreenshotAsync(new() { Path = Path.Combine(Repo.ArtifactsDirectory, $"stall-{name}.png") });
        if (size is not null) await s.Page.SetViewportSizeAsync(size.Width, size.Height);
        // As AtWidthsAsync: each width re-renders the page over the circuit (the drawer docks again at 1366), and a click that
        // lands during that render is lost — the bottleneck's link was clicked and the page stayed on /dashboard for 30 s.
        await s.DomSettledAsync();
    }
}
