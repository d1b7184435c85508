using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.Extensions.Time.Testing;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// The behaviour every <see cref="IWorkflowStore"/> must have, run against each provider. This part covers definitions;
/// the other parts cover instances, bookmarks, journal and triggers.
/// </summary>
public abstract partial class WorkflowStoreContractTests
{
    protected WorkflowStoreContractTests(Func<TimeProvider, IWorkflowStore> createStore)
    {
        Clock = new FakeTimeProvider(T0);
        Store = createStore(Clock);
    }

    protected FakeTimeProvider Clock { get; }
    protected IWorkflowStore Store { get; }

    /// <summary>Another store on the same data (the same object for the in-memory store, a new one on the same file for SQLite).</summary>
    protected abstract IWorkflowStore Reopen();

    private async Task SaveLeaveVersionsAsync()
    {
        // v1 published (no longer latest), v2 latest draft; "expense" has a latest published v3.
        await Store.SaveDefinitionsAsync([Definition("leave", 1, isPublished: true), Definition("leave", 2, isLatest: true)]);
        await Store.SaveDefinitionsAsync([Definition("expense", 2), Definition("expense", 3, isLatest: true, isPublished: true)]);
    }

    [Theory]
    [InlineData("Latest", 2)]
    [InlineData("Published", 1)]
    [InlineData("LatestOrPublished", 2)]
    [InlineData("LatestAndPublished", null)]
    [InlineData("Draft", 2)]
    [InlineData("AllVersions", 2)]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("7", null)]
    public async Task FindDefinitionAsync_ReturnsHighestMatchingVersion_ForEachVersionOptions(string selector, int? expectedVersion)
    {
        await SaveLeaveVersionsAsync();

        var found = await Store.FindDefinitionAsync("leave", VersionOptions.Parse(selector));

        Assert.Equal(expectedVersion, found?.Version);
        if (found is not null) Assert.Equal(Definition("leave", found.Version, found.IsLatest, found.IsPublished), found);
    }

    [Fact]
    public async Task FindDefinitionAsync_ReturnsLatestAndPublished_WhenLatestIsPublished()
    {
        await SaveLeaveVersionsAsync();

        Assert.Equal(3, (await Store.FindDefinitionAsync("expense", VersionOptions.LatestAndPublished))?.Version);
        Assert.Null(await Store.FindDefinitionAsync("expense", VersionOptions.Draft));
        Assert.Null(await Store.FindDefinitionAsync("unknown", VersionOptions.AllVersions));
    }

    [Fact]
    public async Task FindDefinitionAsync_PicksHighestMatchingVersion_AmongHundredVersions()
    {
        var records = Enumerable.Range(1, 100)
            .Select(v => Definition("bulk", v, isLatest: v == 100, isPublished: v % 7 == 0))
            .OrderBy(r => (r.Version * 37) % 101) // saved out of order
            .ToList();
        await Store.SaveDefinitionsAsync(records);

        Assert.Equal(98, (await Store.FindDefinitionAsync("bulk", VersionOptions.Published))?.Version);
        Assert.Equal(100, (await Store.FindDefinitionAsync("bulk", VersionOptions.Latest))?.Version);
        Assert.Equal(100, (await Store.FindDefinitionAsync("bulk", VersionOptions.LatestOrPublished))?.Version);
        Assert.Equal(100, (await Store.FindDefinitionAsync("bulk", VersionOptions.AllVersions))?.Version);
        Assert.Equal(42, (await Store.FindDefinitionAsync("bulk", VersionOptions.SpecificVersion(42)))?.Version);
        Assert.Equal(100, (await Store.FindDefinitionsAsync(new WorkflowDefinitionFilter { DefinitionId = "bulk" })).Count);
    }

    [Fact]
    public async Task FindDefinitionByIdAsync_ReturnsFullRecord_WithOffsetAndJsonPreserved()
    {
        var record = Definition("leave", 1, isLatest: true, description: "请假审批（屯溪区）",
            createdAt: new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.FromHours(8)));
        await Store.SaveDefinitionsAsync([record]);

        var found = await Store.FindDefinitionByIdAsync("leave-v1");

        Assert.Equal(record, found);
        Assert.Equal(TimeSpan.FromHours(8), found!.CreatedAt.Offset);
        Assert.Null(await Store.FindDefinitionByIdAsync("missing"));
    }

    [Fact]
    public async Task FindDefinitionsAsync_ReturnsAllVersionsWithJson_WhenAllVersionsRequested()
    {
        await SaveLeaveVersionsAsync();

        var all = await Store.FindDefinitionsAsync(new WorkflowDefinitionFilter
            { DefinitionId = "leave", VersionOptions = VersionOptions.AllVersions, OrderBy = DefinitionOrder.Version, Descending = true });
        var published = await Store.FindDefinitionsAsync(new WorkflowDefinitionFilter { VersionOptions = VersionOptions.Published });

        Assert.Equal([Definition("leave", 2, isLatest: true), Definition("leave", 1, isPublished: true)], all);
        Assert.Equal(["expense-v3", "leave-v1"], published.Select(d => d.Id));
    }

    [Fact]
    public async Task ListDefinitionsAsync_PagesInOrdinalNameOrder_WithTotalCount()
    {
        await Store.SaveDefinitionsAsync([
            Definition("d1", 1, name: "alpha"), Definition("d2", 1, name: "Beta"), Definition("d3", 1, name: "Gamma"),
            Definition("d4", 1, name: "审批"), Definition("d5", 1, name: "Beta"),
        ]);
        var filter = new WorkflowDefinitionFilter();

        var first = await Store.ListDefinitionsAsync(filter, 0, 2);
        var second = await Store.ListDefinitionsAsync(filter, 1, 2);
        var last = await Store.ListDefinitionsAsync(filter, 2, 2);
        var beyond = await Store.ListDefinitionsAsync(filter, 5, 2);
        var descending = await Store.ListDefinitionsAsync(filter with { Descending = true }, 0, 10);

        Assert.Equal(["d2", "d5"], first.Items.Select(d => d.DefinitionId));
        Assert.Equal(["d3", "d1"], second.Items.Select(d => d.DefinitionId));
        Assert.Equal(["d4"], last.Items.Select(d => d.DefinitionId));
        Assert.Empty(beyond.Items);
        Assert.All([first, second, last, beyond], p => Assert.Equal(5, p.TotalCount));
        Assert.Equal(["d4", "d1", "d3", "d2", "d5"], descending.Items.Select(d => d.DefinitionId));
        Assert.Equal(WorkflowDefinitionSummary.From(Definition("d2", 1, name: "Beta")), first.Items[0]);
    }

    [Fact]
    public async Task ListDefinitionsAsync_OrdersByInstant_WhenCreatedAtHasDifferentOffsets()
    {
        await Store.SaveDefinitionsAsync([
            Definition("east", 1, createdAt: new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8))),  // 02:00Z
            Definition("utc", 1, createdAt: new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero)),              // 03:00Z
            Definition("west", 1, createdAt: new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.FromHours(-2))),   // 03:30Z
            Definition("early", 1, createdAt: new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero)),
        ]);
        var filter = new WorkflowDefinitionFilter { OrderBy = DefinitionOrder.CreatedAt };

        var ascending = await Store.ListDefinitionsAsync(filter, 0, 10);
        var descending = await Store.ListDefinitionsAsync(filter with { Descending = true }, 0, 10);

        Assert.Equal(["early", "east", "utc", "west"], ascending.Items.Select(d => d.DefinitionId));
        Assert.Equal(["west", "utc", "east", "early"], descending.Items.Select(d => d.DefinitionId));
        Assert.Equal(TimeSpan.FromHours(-2), descending.Items[0].CreatedAt.Offset);
    }

    [Fact]
    public async Task ListDefinitionsAsync_MatchesSearchTermIgnoringCase_InNameDescriptionAndDefinitionId()
    {
        await Store.SaveDefinitionsAsync([
            Definition("leave-approval", 1, name: "请假"), Definition("expense", 1, name: "Expense Claim"),
            Definition("road", 1, name: "道路", description: "屯溪区 road works"), Definition("other", 1, name: "其他"),
        ]);

        var byId = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { SearchTerm = "APPROV" }, 0, 10);
        var byName = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { SearchTerm = "claim" }, 0, 10);
        var byDescription = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { SearchTerm = "屯溪" }, 0, 10);
        var byChineseName = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { SearchTerm = "请假" }, 0, 10);

        Assert.Equal(["leave-approval"], byId.Items.Select(d => d.DefinitionId));
        Assert.Equal(["expense"], byName.Items.Select(d => d.DefinitionId));
        Assert.Equal(["road"], byDescription.Items.Select(d => d.DefinitionId));
        Assert.Equal(1, byChineseName.TotalCount);
    }

    [Fact]
    public async Task ListDefinitionsAsync_FiltersByDefinitionIdsSystemNameAndVersion()
    {
        await SaveLeaveVersionsAsync();
        await Store.SaveDefinitionsAsync([Definition("sys", 1, isLatest: true, isSystem: true), Definition("named", 1, isLatest: true, name: "特别")]);

        var byIds = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { DefinitionIds = ["leave", "sys"], OrderBy = DefinitionOrder.Version }, 0, 10);
        var latestOfIds = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { DefinitionIds = ["leave", "expense"], VersionOptions = VersionOptions.Latest }, 0, 10);
        var system = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { IsSystem = true }, 0, 10);
        var named = await Store.ListDefinitionsAsync(new WorkflowDefinitionFilter { Name = "特别" }, 0, 10);

        Assert.Equal(["leave-v1", "sys-v1", "leave-v2"], byIds.Items.Select(d => d.Id));
        Assert.Equal(["expense-v3", "leave-v2"], latestOfIds.Items.Select(d => d.Id));
        Assert.Equal(["sys"], system.Items.Select(d => d.DefinitionId));
        Assert.Equal(["named"], named.Items.Select(d => d.DefinitionId));
    }

    [Fact]
    public async Task SaveDefinitionsAsync_ReplacesExistingVersions_WhenPublishingNewVersion()
    {
        await Store.SaveDefinitionsAsync([Definition("leave", 1, isLatest: true, isPublished: true)]);

        await Store.SaveDefinitionsAsync([Definition("leave", 1), Definition("leave", 2, isLatest: true, isPublished: true, name: "新版")]);

        Assert.Equal(2, (await Store.FindDefinitionAsync("leave", VersionOptions.Published))?.Version);
        Assert.Equal("新版", (await Store.FindDefinitionAsync("leave", VersionOptions.Latest))?.Name);
        Assert.Equal(Definition("leave", 1), await Store.FindDefinitionByIdAsync("leave-v1"));
    }

    [Fact]
    public async Task DeleteDefinitionAsync_RemovesEveryVersion_AndReturnsCount()
    {
        await SaveLeaveVersionsAsync();

        Assert.Equal(2, await Store.DeleteDefinitionAsync("leave"));
        Assert.Equal(0, await Store.DeleteDefinitionAsync("leave"));
        Assert.Null(await Store.FindDefinitionAsync("leave", VersionOptions.AllVersions));
        Assert.NotNull(await Store.FindDefinitionAsync("expense", VersionOptions.AllVersions));
    }

    [Fact]
    public async Task DeleteDefinitionVersionAsync_RemovesOnlyThatVersion_AndReportsWhetherItExisted()
    {
        await SaveLeaveVersionsAsync();

        Assert.True(await Store.DeleteDefinitionVersionAsync("leave-v2"));
        Assert.False(await Store.DeleteDefinitionVersionAsync("leave-v2"));
        Assert.Equal(1, (await Store.FindDefinitionAsync("leave", VersionOptions.AllVersions))?.Version);
    }
}
