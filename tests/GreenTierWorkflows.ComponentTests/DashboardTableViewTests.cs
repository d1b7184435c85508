using Bunit;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Web.Components.Pages.Dashboard;
using MudBlazor;

namespace GreenTierWorkflows.ComponentTests;

/// <summary>
/// A long dashboard table (the city's recognised factories: 10,000 rows at national scale) shows one page of rows with a
/// pager and the total; a short one shows every row and no pager. The Excel link is the same either way (it holds every row).
/// </summary>
public sealed class DashboardTableViewTests : MudContext
{
    private static DashboardTable Factories(int count) => new(DashboardTables.Target, "年度获评绿色工厂（省级、国家级）",
        [new("name", "企业名称"), new("district", "区县")],
        Enumerable.Range(0, count).Select(i => new DashboardRow(i.ToString(), [$"企业{i:000}", "歙县"])).ToList());

    private IRenderedComponent<DashboardTableView> RenderTable(int rows) => Render<DashboardTableView>(p => p
        .Add(t => t.Table, Factories(rows))
        .Add(t => t.ExportUrl, "/exports/dashboard/target.xlsx?year=2026"));

    [Fact]
    public async Task LongTable_ShowsAPageOfRowsWithThePager_AndTheLastPageHoldsTheRest()
    {
        var table = RenderTable(45);

        Assert.Equal(DashboardTableView.RowsPerPage, table.FindAll("tbody tr").Count);
        Assert.Equal("企业000", table.Find("[data-testid=target-0-name]").TextContent.Trim());
        Assert.Equal("第 1–20 行，共 45 行（导出 Excel 含全部）", table.Find("[data-testid=count-target]").TextContent.Trim());
        Assert.Equal("/exports/dashboard/target.xlsx?year=2026", table.Find("[data-testid=export-target]").GetAttribute("href"));

        await table.InvokeAsync(() => table.FindComponent<MudPagination>().Instance.SelectedChanged.InvokeAsync(3));

        Assert.Equal(5, table.FindAll("tbody tr").Count);
        Assert.Equal("企业040", table.Find("[data-testid=target-40-name]").TextContent.Trim());
        Assert.Equal("第 41–45 行，共 45 行（导出 Excel 含全部）", table.Find("[data-testid=count-target]").TextContent.Trim());
    }

    [Fact]
    public async Task APageOfALongerTable_ShowsItsRowsAndTheCountOfAll_AndAsksTheCallerForAnotherPage()
    {
        var asked = new List<int>();
        var all = Factories(45);
        var page2 = all with { Rows = all.Rows.Skip(20).Take(20).ToList() };
        var table = Render<DashboardTableView>(p => p
            .Add(t => t.Table, page2)
            .Add(t => t.Total, 45)
            .Add(t => t.Page, 2)
            .Add(t => t.PageChanged, (int page) => asked.Add(page))
            .Add(t => t.ExportUrl, "/exports/dashboard/target.xlsx?year=2026"));

        // The rows it holds are the page (not sliced again), counted against all 45.
        Assert.Equal(20, table.FindAll("tbody tr").Count);
        Assert.Equal("企业020", table.Find("[data-testid=target-20-name]").TextContent.Trim());
        Assert.Equal("第 21–40 行，共 45 行（导出 Excel 含全部）", table.Find("[data-testid=count-target]").TextContent.Trim());

        await table.InvokeAsync(() => table.FindComponent<MudPagination>().Instance.SelectedChanged.InvokeAsync(3));
        Assert.Equal([3], asked);
    }

    [Fact]
    public void ShortTable_ShowsEveryRow_WithoutAPager()
    {
        var table = RenderTable(DashboardTableView.RowsPerPage);

        Assert.Equal(DashboardTableView.RowsPerPage, table.FindAll("tbody tr").Count);
        Assert.Empty(table.FindAll("[data-testid=paging-target]"));
    }
}
