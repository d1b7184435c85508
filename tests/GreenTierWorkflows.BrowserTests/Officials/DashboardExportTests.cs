using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static GreenTierWorkflows.BrowserTests.TestSupport.OfficialsApi;
using static Microsoft.Playwright.Assertions;

namespace GreenTierWorkflows.BrowserTests.Officials;

/// <summary>
/// 统计看板 (/dashboard): each table's 导出 Excel link downloads a real .xlsx whose first row is the table's Chinese
/// header and whose other rows hold the same values as the page's cells (numbers as numbers). The page heads with the scope
/// at once and fills each part as its figures answer (a placeholder until then); every table replaces its placeholder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DashboardExportTests(BrowserFixture browser, AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Tables = ["bottlenecks", "funnel", "stage-districts", "districts", "target", "durations"];

    [Fact]
    public async Task EveryTablesExcelDownload_IsAWorkbookWithChineseHeaders_AndThePagesNumbers()
    {
        await CreateDraftsAsync(browser, app, "dashboard-export", ("huizhou", 2), ("gaoxin", 1));

        await using var s = await BrowserSession.StartAsync(browser, app, "dashboard-export");
        await s.SignInAsync("city");
        await s.Page.GotoAsync("/dashboard");
        await Expect(s.Page.GetByTestId("dashboard-scope")).ToContainTextAsync("黄山市");
        await Expect(s.Page.GetByTestId("districts-341004-total")).ToHaveTextAsync("2");
        // Every part answers in its own time; none is left waiting (slow machine: the default generous timeout).
        await Expect(s.Page.Locator("[data-testid^=pending-], [data-testid=dashboard-pending]")).ToHaveCountAsync(0);
        await Expect(s.Page.GetByTestId("target-card")).ToBeVisibleAsync();
        await s.AtWidthsAsync("dashboard");

        foreach (var key in Tables)
        {
            var table = s.Page.GetByTestId($"table-{key}");
            await Expect(table.Locator("thead th").First).ToBeVisibleAsync();
            var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.GetByTestId($"export-{key}").ClickAsync());
            Assert.Null(await download.FailureAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            Assert.Contains((await table.Locator("h2").InnerTextAsync()).Trim(), download.SuggestedFilename, StringComparison.Ordinal);

            var rows = Workbooks.Rows(await download.PathAsync());
            var headers = await table.Locator("thead th").AllInnerTextsAsync();
            Assert.Equal(headers.Select(h => h.Trim()), rows[0].Select(c => c as string));
            Assert.All(rows[0], h => Assert.Matches(Chinese(), (string)h!));

            var pageRows = table.Locator("tbody tr").Filter(new() { Has = s.Page.Locator("td[data-testid]") });
            Assert.Equal(await pageRows.CountAsync(), rows.Count - 1);
            // The recognised factories are read a page at a time and counted apart: the count the card shows is the export's rows.
            if (key == "target")
                Assert.Equal($"{rows.Count - 1} /", (await s.Page.GetByTestId("target-achieved").InnerTextAsync()).Split(' ')[0] + " /");
            for (var r = 1; r < rows.Count; r++)
            {
                var cells = await pageRows.Nth(r - 1).Locator("td").AllInnerTextsAsync();
                Assert.Equal(cells.Count, rows[r].Count);
                for (var c = 0; c < cells.Count; c++)
                    AssertSameValue(key, r, cells[c].Trim(), rows[r][c]);
            }
        }
        await Expect(s.Page).ToHaveURLAsync(new Regex("/dashboard$"));
        s.AssertNoExternalRequestsOrConsoleErrors();
    }

    /// <summary>A workbook cell equals the page's text: a number the page shows is a number in the workbook, of the same value.</summary>
    private static void AssertSameValue(string table, int row, string shown, object? stored)
    {
        var where = $"{table} row {row}: page shows '{shown}', workbook has '{stored}' ({stored?.GetType().Name ?? "empty"})";
        if (decimal.TryParse(shown, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            Assert.True(stored is double or decimal or int or long && number == Convert.ToDecimal(stored, CultureInfo.InvariantCulture), where);
        else
            Assert.True(shown == Convert.ToString(stored, CultureInfo.InvariantCulture), where);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
