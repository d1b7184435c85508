using System.Text.Json;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 申报窗口 (/windows): the administrator's edit dialog saves dates and reminder offsets that the table and
/// GET /api/windows then show, a refused edit changes nothing, and a district official only reads the table.
/// The window edited is the national green-supply-chain one, which no other test of this app uses.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WindowsPageTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly string WindowId = $"{Year}-greensupplychain-national";
    private static readonly string EditLabel = $"修改{Year}年国家级绿色供应链管理企业窗口";

    [Fact]
    public async Task Admin_EditsDatesAndReminders_TableAndApiShowThem_AndARefusedEditChangesNothing()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "windows-admin-edit");
        await s.SignInAsync("admin");
        await s.Page.GotoAsync("/windows");
        var row = s.Page.GetByTestId("windows-table").Locator("tbody tr").Filter(new() { Has = EditButton(s.Page) });
        await Expect(row).ToHaveCountAsync(1);

        var dialog = await OpenEditDialogAsync(s.Page);
        await SetDateAsync(dialog, "开启日期", $"{Year}-02-01");
        await SetDateAsync(dialog, "关闭日期", $"{Year}-12-20");
        await SetDateAsync(dialog, "区县报送截止日期", $"{Year}-12-10");
        await dialog.Locator("#reminderOffsetsDays").FillAsync("5，10、2");
        await s.StepAsync("edit-dialog");
        await dialog.GetByTestId("window-save").ClickAsync();

        // The dialog closes and the table shows the new values (the time of day of each date is kept; offsets sorted).
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Cell(row, "开启")).ToHaveTextAsync($"{Year}-02-01 00:00");
        await Expect(Cell(row, "关闭")).ToHaveTextAsync($"{Year}-12-20 23:59");
        await Expect(Cell(row, "区县报送截止")).ToHaveTextAsync($"{Year}-12-10 23:59");
        await Expect(Cell(row, "提醒（截止前天数）")).ToHaveTextAsync("10、5、2");
        await s.StepAsync("saved");

        var saved = await WindowAsync(s);
        Assert.Equal(new DateTimeOffset(Year, 2, 1, 0, 0, 0, China), saved.GetProperty("opensAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(Year, 12, 20, 23, 59, 0, China), saved.GetProperty("closesAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(Year, 12, 10, 23, 59, 0, China), saved.GetProperty("districtDeadline").GetDateTimeOffset());
        Assert.Equal([10, 5, 2], saved.GetProperty("reminderOffsetsDays").EnumerateArray().Select(d => d.GetInt32()));

        // Closing before opening: the Chinese message under the field, the dialog stays, nothing is saved.
        dialog = await OpenEditDialogAsync(s.Page);
        await SetDateAsync(dialog, "关闭日期", $"{Year}-01-15");
        await dialog.Locator("#reminderOffsetsDays").FillAsync("3");
        await dialog.GetByTestId("window-save").ClickAsync();
        await Expect(dialog.Locator("#closesAt-error")).ToHaveTextAsync("关闭时间必须晚于开启时间。");
        await s.StepAsync("refused");
        Assert.Equal(saved.GetRawText(), (await WindowAsync(s)).GetRawText());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Cell(row, "关闭")).ToHaveTextAsync($"{Year}-12-20 23:59");
        await Expect(Cell(row, "提醒（截止前天数）")).ToHaveTextAsync("10、5、2");
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task DistrictOfficial_SeesEveryWindow_ButNoEditButton()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "windows-district");
        await s.SignInAsync("qimen");
        await s.Page.GotoAsync("/windows");
        var table = s.Page.GetByTestId("windows-table");
        var windows = await CountAsync(s, $"/api/windows?year={Year}");
        Assert.True(windows > 0, "demo mode opens a window for every type and tier.");
        await Expect(table.GetByTestId("window-status")).ToHaveCountAsync(windows);
        await Expect(table.Locator("th").Filter(new() { HasText = "开启" })).ToBeVisibleAsync();
        await s.StepAsync("read-only");

        await Expect(table.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(table.Locator("th").Filter(new() { HasText = "操作" })).ToHaveCountAsync(0);
        var refused = await s.Context.APIRequest.PutAsync($"/api/windows/{WindowId}", new() { DataObject = new { reminderOffsetsDays = new[] { 3 } } });
        Assert.Equal(403, refused.Status);
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    [Fact]
    public async Task Admin_SetsUpNextYearsWindows_FromThisYears_InOneStep()
    {
        await using var s = await BrowserSession.StartAsync(browser, app, "windows-next-year");
        await s.SignInAsync("admin");
        await s.Page.GotoAsync("/windows");
        var thisYear = await CountAsync(s, $"/api/windows?year={Year}");
        await MudUi.SelectAsync(s.Page, "year-select", $"{Year + 1} 年");
        var table = s.Page.GetByTestId("windows-table");
        await Expect(table).ToContainTextAsync("该年度尚未设置申报窗口");
        var copy = s.Page.GetByTestId("copy-previous-year");
        await Expect(copy).ToHaveTextAsync($"按 {Year} 年度设置 {Year + 1} 年度窗口");
        await s.StepAsync("next-year-empty");

        // Asked first; 取消 creates nothing.
        await copy.ClickAsync();
        var question = s.Page.GetByRole(AriaRole.Dialog);
        await Expect(question).ToContainTextAsync("日期顺延一年");
        await question.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        Assert.Equal(0, await CountAsync(s, $"/api/windows?year={Year + 1}"));

        await copy.ClickAsync();
        await s.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "新建" }).ClickAsync();
        await Expect(table.GetByTestId("window-status")).ToHaveCountAsync(thisYear);
        await Expect(table.Locator("td[data-label='开启']").First).ToContainTextAsync($"{Year + 1}-");
        await Expect(copy).ToHaveCountAsync(0);
        await s.StepAsync("next-year-set-up");
        await s.Page.SetViewportSizeAsync(390, 844);
        await s.StepAsync("next-year-set-up-phone");
        Assert.Equal(thisYear, await CountAsync(s, $"/api/windows?year={Year + 1}"));
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>
    /// Without the coming year's holiday arrangement in calendars/ (e.g. 2027 in December 2026) the city and the
    /// administrator read that 公示 periods count Monday–Friday; a district official does not. Which years are missing
    /// follows today's date: the current year, and the coming one from November.
    /// </summary>
    [Fact]
    public async Task Admin_IsWarned_WhenAYearsHolidayArrangementIsMissing_ADistrictOfficialIsNot()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(China);
        var needed = today.Month >= 11 ? new[] { today.Year, today.Year + 1 } : [today.Year];
        var missing = needed.Where(y => !File.Exists(Path.Combine(Repo.Root, "calendars", $"{y}.json"))).ToList();

        await using var s = await BrowserSession.StartAsync(browser, app, "windows-holiday-warning");
        await s.SignInAsync("admin");
        await s.Page.GotoAsync("/windows");
        await Expect(s.Page.GetByTestId("windows-table")).ToBeVisibleAsync();
        var warning = s.Page.GetByTestId("holiday-warning");
        if (missing.Count == 0)
            await Expect(warning).ToHaveCountAsync(0);
        else
        {
            await Expect(warning).ToContainTextAsync($"尚未录入 {string.Join("、", missing)} 年节假日安排，公示期按周一至周五计算");
            await s.AtWidthsAsync("admin-warned");
        }

        s.AssertNoExternalRequestsOrConsoleErrors();

        await using var district = await BrowserSession.StartAsync(browser, app, "windows-holiday-warning-district");
        await district.SignInAsync("qimen");
        await district.Page.GotoAsync("/windows");
        await Expect(district.Page.GetByTestId("windows-table")).ToBeVisibleAsync();
        await Expect(district.Page.GetByTestId("holiday-warning")).ToHaveCountAsync(0);
        district.AssertNoExternalRequestsOrConsoleErrors();
    }

    private static ILocator EditButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = EditLabel, Exact = true });

    private static async Task<ILocator> OpenEditDialogAsync(IPage page)
    {
        await EditButton(page).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("window-save")).ToBeVisibleAsync();
        return dialog;
    }

    private static ILocator Cell(ILocator row, string column) => row.Locator($"td[data-label='{column}']");

    /// <summary>Types a date into the editable MudDatePicker with that label and leaves the field (the picker parses on change).</summary>
    private static async Task SetDateAsync(ILocator dialog, string label, string date)
    {
        var input = dialog.Locator($".mud-input-control:has(label:text-is('{label}')) input");
        await input.FillAsync(date);
        await input.PressAsync("Tab");
        await Expect(input).ToHaveValueAsync(date);
    }

    private static async Task<JsonElement> WindowAsync(BrowserSession s) =>
        (await ItemsAsync(s, $"/api/windows?year={Year}")).Single(w => w.GetProperty("id").GetString() == WindowId);
}
