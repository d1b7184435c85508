using Bunit;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Web.Components.Shared;
using MudBlazor;

namespace GreenTierWorkflows.ComponentTests;

public sealed class InboxFiltersTests : MudContext
{
    private readonly List<InboxFilter> _changes = [];

    private IRenderedComponent<InboxFilters> RenderFilters(InboxFilter? value = null, bool showDistrict = true) =>
        Render<InboxFilters>(p => p
            .Add(f => f.Value, value ?? InboxFilter.None)
            .Add(f => f.ShowDistrict, showDistrict)
            .Add(f => f.Years, [2026, 2025, 2024])
            .Add(f => f.ValueChanged, v => _changes.Add(v)));

    [Fact]
    public void DistrictFilter_IsOfferedToCityWideOfficialsOnly()
    {
        Assert.Single(RenderFilters(showDistrict: true).FindAll("[data-testid=filter-district]"));
        Assert.Empty(RenderFilters(showDistrict: false).FindAll("[data-testid=filter-district]"));
    }

    [Fact]
    public async Task ChoosingAType_KeepsTheOtherFilters()
    {
        var filters = RenderFilters(new InboxFilter(Year: 2026, Stage: "现场核查"));
        var typeSelect = filters.FindComponents<MudSelect<NominationType?>>().Single();

        await filters.InvokeAsync(() => typeSelect.Instance.ValueChanged.InvokeAsync(NominationType.GreenPark));

        Assert.Equal(new InboxFilter(NominationType.GreenPark, 2026, "现场核查"), Assert.Single(_changes));
    }

    [Fact]
    public async Task ChoosingYearStageAndDistrict_RaisesEachChange()
    {
        var filters = RenderFilters();

        await filters.InvokeAsync(() => filters.FindComponents<MudSelect<int?>>().Single().Instance.ValueChanged.InvokeAsync(2025));
        var selects = filters.FindComponents<MudSelect<string>>();
        await filters.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync("市级推荐"));
        await filters.InvokeAsync(() => selects[1].Instance.ValueChanged.InvokeAsync("341021"));

        Assert.Equal(
            [new InboxFilter(Year: 2025), new InboxFilter(Year: 2025, Stage: "市级推荐"), new InboxFilter(Year: 2025, Stage: "市级推荐", District: "341021")],
            _changes);
    }

    [Fact]
    public async Task ChoosingTheSameValueAgain_RaisesNothing()
    {
        var filters = RenderFilters(new InboxFilter(Year: 2026));
        await filters.InvokeAsync(() => filters.FindComponents<MudSelect<int?>>().Single().Instance.ValueChanged.InvokeAsync(2026));
        Assert.Empty(_changes);
    }

    [Fact]
    public async Task IncludeCompletedSwitch_AddsFinishedTasks()
    {
        var filters = RenderFilters();
        await filters.InvokeAsync(() => filters.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        Assert.True(Assert.Single(_changes).IncludeCompleted);
    }

    [Fact]
    public void ClearButton_IsDisabledWithoutFilters_AndClearsThemAll()
    {
        Assert.True(RenderFilters().Find("[data-testid=filter-clear]").HasAttribute("disabled"));

        var filters = RenderFilters(new InboxFilter(NominationType.GreenFactory, 2026, "市级评审", "341021", true));
        filters.Find("[data-testid=filter-clear]").Click();

        Assert.Equal(InboxFilter.None, Assert.Single(_changes));
    }

    [Fact]
    public void ToQuery_CarriesEveryFilterAndThePage()
    {
        var query = new InboxFilter(NominationType.GreenSupplyChain, 2026, "省级评审", "341071", IncludeCompleted: true).ToQuery(page: 2, pageSize: 20);

        Assert.Equal(NominationType.GreenSupplyChain, query.Type);
        Assert.Equal(2026, query.Year);
        Assert.Equal("省级评审", query.Stage);
        Assert.Equal("341071", query.District);
        Assert.True(query.IncludeCompleted);
        Assert.Null(query.DueBefore);
        Assert.Equal((2, 20), (query.Page, query.PageSize));
    }

    [Fact]
    public void OverdueOnly_AsksForTasksDueBeforeNow_AndIsKeptInTheUrl()
    {
        var now = new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(now, new InboxFilter(Stage: "市级评审", OverdueOnly: true).ToQuery(0, 20, now).DueBefore);
        Assert.Null(new InboxFilter(Stage: "市级评审").ToQuery(0, 20, now).DueBefore);
        Assert.Equal(true, new InboxFilter(OverdueOnly: true).ToQueryValues()["overdue"]);
        Assert.False(new InboxFilter(OverdueOnly: true).IsEmpty);
    }
}
