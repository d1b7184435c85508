using Bunit;
using GreenTierWorkflows.Web.Components.Shared;
using MudBlazor;

namespace GreenTierWorkflows.ComponentTests;

/// <summary>
/// The pager under a list whose rows are read before their count (培育梯度): 「正在统计…」 until the count answers, then
/// 「第 a–b 条，共 n 条」 and the pager; nothing when one page holds every row.
/// </summary>
public sealed class CountedPagerTests : MudContext
{
    private IRenderedComponent<CountedPager> RenderPager(int? total, int page = 1, Action<int>? changed = null) => Render<CountedPager>(p => p
        .Add(c => c.Total, total)
        .Add(c => c.Page, page)
        .Add(c => c.PageChanged, changed ?? (_ => { }))
        .Add(c => c.RowsPerPage, 20)
        .Add(c => c.Unit, "条")
        .Add(c => c.PagingTestId, "readiness-paging")
        .Add(c => c.CountTestId, "readiness-count")
        .Add(c => c.PagerTestId, "readiness-pager")
        .Add(c => c.CountingTestId, "readiness-counting"));

    [Fact]
    public async Task WhileCounting_SaysSo_AndWhenTheCountAnswers_ShowsItWithThePager()
    {
        var asked = new List<int>();
        var pager = RenderPager(null, page: 2, changed: asked.Add);
        Assert.Equal("正在统计…", pager.Find("[data-testid=readiness-counting]").TextContent.Trim());
        Assert.Empty(pager.FindAll("[data-testid=readiness-count]"));

        pager.Render(p => p.Add(c => c.Total, 100_000));
        Assert.Empty(pager.FindAll("[data-testid=readiness-counting]"));
        Assert.Equal("第 21–40 条，共 100000 条", pager.Find("[data-testid=readiness-count]").TextContent.Trim());
        Assert.Contains("5000", pager.Find("[data-testid=readiness-pager]").TextContent); // its last page

        await pager.InvokeAsync(() => pager.FindComponent<MudPagination>().Instance.SelectedChanged.InvokeAsync(3));
        Assert.Equal([3], asked);
    }

    [Fact]
    public void OnePageHoldingEveryRow_ShowsNoPager()
    {
        var pager = RenderPager(20);
        Assert.Empty(pager.FindAll("[data-testid=readiness-paging]"));
        Assert.Empty(pager.FindAll("[data-testid=readiness-counting]"));
    }
}
