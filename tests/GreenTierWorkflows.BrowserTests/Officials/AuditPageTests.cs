using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 安全审计 (/admin/audit): a window edited on the windows page shows up for the administrator with the account, the
/// browser's address and what changed; the action filter is kept in the URL (a reload shows the same rows); the Excel
/// download holds the rows the page shows; the page fits a phone; other roles get the app's 无权访问 page (403).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AuditPageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string WindowId = $"{Year}-greenpark-national";

    [Fact]
    public async Task Admin_FiltersByAction_SeesTheWindowEdit_AndDownloadsTheSameRows()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "audit-admin");
        await s.Page.SetViewportSizeAsync(1366, 768);
        await s.SignInAsync("admin");

        // A window edit through the page (the Blazor path: no HTTP request of its own carries the address).
        await s.Page.GotoAsync("/windows");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = $"修改{Year}年国家级绿色工业园区窗口", Exact = true }).ClickAsync();
        var dialog = s.Page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#reminderOffsetsDays").FillAsync("6、2");
        await dialog.GetByTestId("window-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await s.Page.Locator("nav.mud-navmenu").GetByText("安全审计").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("安全审计");
        await MudUi.SelectAsync(s.Page, "audit-action", "修改申报窗口");
        await s.Page.GetByTestId("audit-search").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex(@"/admin/audit\?action=WindowChanged$"));

        var table = s.Page.GetByTestId("audit-table");
        var rows = table.Locator("tbody tr").Filter(new() { Has = s.Page.Locator("td[data-label='操作']") });
        await Expect(rows).ToHaveCountAsync(1);
        var row = rows.First;
        await Expect(Cell(row, "操作")).ToHaveTextAsync("修改申报窗口");
        await Expect(Cell(row, "结果")).ToHaveTextAsync("成功");
        await Expect(Cell(row, "账号")).ToHaveTextAsync("admin");
        await Expect(Cell(row, "来源地址")).ToHaveTextAsync("127.0.0.1");
        await Expect(Cell(row, "对象")).ToHaveTextAsync(WindowId);
        await Expect(Cell(row, "详情")).ToContainTextAsync(new Regex(@"提醒（截止前天数） [\d、]+ → 6、2"));
        Assert.Matches(ChinaTime(), (await Cell(row, "时间").InnerTextAsync()).Trim());
        await Expect(s.Page.GetByTestId("audit-total")).ToContainTextAsync("共 1 条");
        await s.StepAsync("filtered-1366");
        Assert.True(await s.HorizontalOverflowAsync() <= 0, "the audit page scrolls sideways at 1366 px");

        // The filter is the URL: a reload (or a shared link) shows the same rows with the select still set.
        await s.Page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(s.Page.GetByTestId("audit-filters")).ToContainTextAsync("修改申报窗口");

        var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.GetByTestId("audit-export").ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.Matches(@"^安全审计-\d{8}-\d{6}\.xlsx$", download.SuggestedFilename);
        var sheet = Workbooks.Text(await download.PathAsync());
        Assert.Equal(["编号", "时间（北京时间）", "操作", "结果", "账号", "账号ID", "来源地址", "对象", "详情"], sheet[0]);
        Assert.Equal(2, sheet.Count);
        var pageCells = new Dictionary<string, string>();
        foreach (var column in new[] { "时间", "操作", "结果", "账号", "来源地址", "对象", "详情" })
            pageCells[column] = (await Cell(row, column).InnerTextAsync()).Trim();
        Assert.Equal([pageCells["时间"], pageCells["操作"], pageCells["结果"], pageCells["账号"]], sheet[1].Skip(1).Take(4));
        Assert.Equal([pageCells["来源地址"], pageCells["对象"], pageCells["详情"]], sheet[1].Skip(6));

        // A phone: the rows become cards, nothing scrolls sideways.
        await s.Page.SetViewportSizeAsync(390, 844);
        await s.Page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(Cell(row, "详情")).ToBeVisibleAsync();
        await s.StepAsync("filtered-390");
        Assert.True(await s.HorizontalOverflowAsync() <= 0, "the audit page scrolls sideways at 390 px");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task OtherRoles_GetNoAccess_AndNoMenuEntry()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "audit-city");
        await s.SignInAsync("city");
        await Expect(s.Page.Locator("nav.mud-navmenu")).ToBeVisibleAsync();
        await Expect(s.Page.Locator("nav.mud-navmenu").GetByText("安全审计")).ToHaveCountAsync(0);
        var denied = await s.Page.GotoAsync("/admin/audit");
        Assert.Equal(403, denied!.Status);
        Assert.Contains("/account/denied", s.Page.Url);
        await Expect(s.Page).ToHaveTitleAsync("无权访问");
        await Expect(s.Page.GetByText("当前账号没有访问该页面的权限")).ToBeVisibleAsync();
        await Expect(s.Page.GetByTestId("audit-table")).ToHaveCountAsync(0);
        var export = await s.Context.APIRequest.GetAsync("/exports/audit.xlsx");
        Assert.Equal(403, export.Status);
        await s.StepAsync("no-access");

        // Chromium reports the 403 document itself as a console error; that one is expected here, nothing else is.
        var unexpected = s.ConsoleErrors.Where(e => !(e.Contains("status of 403", StringComparison.Ordinal) && e.Contains("/account/denied", StringComparison.Ordinal))).ToList();
        Assert.True(s.ExternalRequests.IsEmpty && unexpected.Count == 0, s.Report());
    }

    private static ILocator Cell(ILocator row, string column) => row.Locator($"td[data-label='{column}']");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex ChinaTime();
}
