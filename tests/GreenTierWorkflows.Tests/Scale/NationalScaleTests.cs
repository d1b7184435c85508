using System.Net;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Scheduling;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// Issue 20 at national scale (<see cref="NationalScaleFixture"/>: 34,000 nominations, more than SQLite binds as
/// parameters): the dashboard's statistics and exports answer (they used to bind every nomination id and fail with "too
/// many SQL variables"); the lists of 申报管理, 培育库 and 我的待办 page, filter, search and count in the database; the
/// list exports write every matching row. No timings are asserted here (speed is measured in bench/).
/// </summary>
[Collection(NationalScaleCollection.Name)]
public sealed class NationalScaleTests(NationalScaleFixture app)
{
    private const int Year = NationalScaleFixture.Year;
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);

    [Fact]
    public async Task DashboardStatistics_AreComputedInTheDatabase_BeyondSqlitesVariableLimit()
    {
        using var scope = app.Factory.Services.CreateScope();
        var report = (await scope.ServiceProvider.GetRequiredService<DashboardService>().BuildAsync(City, Year)).Value!;
        Assert.Equal(NationalScaleFixture.Nominations, report.Funnel.Single(s => s.Stage == DashboardService.Submitted).Count);
        Assert.Equal(NationalScaleFixture.Nominations, report.Funnel.Single(s => s.Stage == "市级评审").Count);
        var bottleneck = Assert.Single(report.Bottlenecks);
        Assert.Equal(("市级评审", NationalScaleFixture.Nominations, NationalScaleFixture.Nominations), (bottleneck.Stage, bottleneck.Now, bottleneck.Waiting));
        Assert.Equal(NationalScaleFixture.Nominations, report.Districts.Sum(d => d.Total));
        Assert.Equal(await CountAsync(n => n.DistrictCode == "341021"), report.Districts.Single(d => d.DistrictCode == "341021").Total);
        var submission = report.Durations.Single(d => d.Stage == "区县初审");
        Assert.Equal((1.0, NationalScaleFixture.Nominations), (Math.Round(submission.MedianDays, 3), submission.Stays));
    }

    [Theory]
    [InlineData(DashboardTables.Funnel)]
    [InlineData(DashboardTables.Districts)]
    [InlineData(DashboardTables.Durations)]
    [InlineData(DashboardTables.Target)]
    [InlineData(DashboardTables.Bottlenecks)]
    [InlineData(DashboardTables.StageDistricts)]
    public async Task DashboardExports_Answer200_BeyondSqlitesVariableLimit(string table)
    {
        var client = await app.ClientAsync("city");
        using var response = await client.GetAsync($"/exports/dashboard/{table}.xlsx?year={Year}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{table}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var rows = (await ReadSheetAsync(response)).ToList();
        if (table == DashboardTables.Funnel) Assert.Equal((double)NationalScaleFixture.Nominations, Convert.ToDouble(rows.First(r => (string)r["阶段"] == "已提交")["累计进入"]));
    }

    [Fact]
    public async Task NominationList_PagesFiltersSearchesAndCounts_InTheDatabase()
    {
        var client = await app.ClientAsync("city");
        var all = await client.GetObjectAsync($"/api/nominations?year={Year}");
        Assert.Equal((NationalScaleFixture.Nominations, 20, 1), ((int)all["total"]!, all["items"]!.AsArray().Count, (int)all["page"]!));

        var shexian = await client.GetObjectAsync($"/api/nominations?year={Year}&district=341021&page=3&sort=applicant");
        Assert.Equal(await CountAsync(n => n.DistrictCode == "341021"), (int)shexian["total"]!);
        var names = shexian["items"]!.AsArray().Select(i => i.Str("applicantName")!).ToList();
        Assert.All(shexian["items"]!.AsArray(), i => Assert.Equal("341021", i.Str("districtCode")));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        var byName = await client.GetObjectAsync($"/api/nominations?year={Year}&keyword=规模测试企业000123");
        Assert.Equal("规模测试企业000123有限公司", Assert.Single(byName["items"]!.AsArray()).Str("applicantName"));
        var byCode = await client.GetObjectAsync($"/api/nominations?keyword={app.TemplateCreditCode.ToLowerInvariant()}");
        Assert.Equal(NationalScaleFixture.TemplateName, Assert.Single(byCode["items"]!.AsArray()).Str("applicantName"));

        var district = await (await app.ClientAsync("shexian")).GetObjectAsync($"/api/nominations?year={Year}&pageSize=1");
        Assert.Equal(await CountAsync(n => n.DistrictCode == "341021"), (int)district["total"]!);

        using var refused = await client.GetAsync($"/api/nominations?keyword={new string('企', 51)}&sort=nope");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["keyword", "sort"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task PoolList_PagesAndSearches_InTheDatabase()
    {
        var client = await app.ClientAsync("city");
        var page = await client.GetObjectAsync($"/api/pools?year={Year}&page=2");
        var members = await app.QueryAsync(db => db.PoolMemberships.CountAsync(m => m.Year == Year));
        Assert.True(members > NationalScaleFixture.Nominations - 1, $"pool members: {members}");
        Assert.Equal((members, 20, 2), ((int)page["total"]!, page["items"]!.AsArray().Count, (int)page["page"]!));

        var byCode = await client.GetObjectAsync($"/api/pools?year={Year}&keyword={app.TemplateCreditCode}");
        var member = Assert.Single(byCode["items"]!.AsArray());
        Assert.Equal((NationalScaleFixture.TemplateName, "scale-000000"), (member.Str("memberName"), member.Str("openNominationId")));
        var exited = await client.GetObjectAsync($"/api/pools?year={Year}&active=false");
        Assert.Equal(0, (int)exited["total"]!);
    }

    [Fact]
    public async Task Inbox_SearchesByKeyword_AndShowsTheTargetTier()
    {
        var client = await app.ClientAsync("city");
        var inbox = await client.GetObjectAsync($"/api/tasks?keyword={app.TemplateCreditCode}");
        var task = Assert.Single(inbox["items"]!.AsArray());
        Assert.Equal(("scale-task-000000", "Province", "省级"), (task.Str("id"), task.Str("targetTier"), task.Str("targetTierName")));
        var page = await client.GetObjectAsync("/api/tasks?page=2");
        Assert.Equal(NationalScaleFixture.Nominations, (int)page["total"]!);
        Assert.All(page["items"]!.AsArray(), t => Assert.Equal("省级", t.Str("targetTierName")));
    }

    [Fact]
    public async Task NominationExport_WritesEveryMatchingRow_WithTheListsFilters()
    {
        var client = await app.ClientAsync("city");
        using var response = await client.GetAsync($"/exports/nominations.xlsx?year={Year}&district=341024");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await ReadSheetAsync(response)).ToList();
        Assert.Equal(await CountAsync(n => n.DistrictCode == "341024"), rows.Count);
        Assert.All(rows, r => Assert.Equal("祁门县", r["区县"]));

        using var pool = await client.GetAsync($"/exports/pools.xlsx?year={Year}&keyword={app.TemplateCreditCode}");
        var member = Assert.Single(await ReadSheetAsync(pool));
        Assert.Equal((NationalScaleFixture.TemplateName, "市级评审"), ((string)member["名称"], (string)member["申报中（环节）"]));

        using var refused = await client.GetAsync($"/exports/nominations.xlsx?district=999999");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task InboxPage_IsReadInTheInboxIndexOrder_WithoutSortingEveryOpenTask()
    {
        using var scope = app.Factory.Services.CreateScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ReviewTaskService>();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        await db.Database.OpenConnectionAsync();
        var shexian = new Official("t-shexian", "shexian", "歙县工信局", [Roles.District], "341021");
        foreach (var (who, query) in new[] { (City, new TaskQuery(Page: 2)), (City, new TaskQuery(District: "341021")), (shexian, new TaskQuery()) })
        {
            await using var command = tasks.InboxQuery(who, query).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
            var shown = $"{who.UserName} {query}:\n{string.Join("\n", plan)}";
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
            Assert.True(plan.Any(line => line.Contains("IX_ReviewTasks_Inbox", StringComparison.Ordinal)), shown);
        }
    }

    [Fact]
    public async Task NominationListPage_IsReadInIndexOrder_WithoutSortingTheYear()
    {
        // The city's year list, newest first, page 250 of 1,700: the query PagedSearch runs (its materials are read for the 20 rows after).
        using var scope = app.Factory.Services.CreateScope();
        var nominations = scope.ServiceProvider.GetRequiredService<Application.Nominations.NominationService>();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        await db.Database.OpenConnectionAsync();
        var page = nominations.Search(City, new Application.Nominations.NominationListQuery(Year: Year)).Value!.Skip(4_980).Take(20);
        await using var command = page.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        var shown = string.Join("\n", plan);
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.True(plan.Any(line => line.Contains("IX_Nominations_Year_CreatedAt_Id", StringComparison.Ordinal)), shown);
    }

    [Fact]
    public async Task DeadlineMonitor_ReadsOnlyTheTasksWithAReminderDue()
    {
        // Every one of the 34,000 open tasks is due in five days: none has a reminder due, so none is loaded.
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var queued = await scope.ServiceProvider.GetRequiredService<ITaskDeadlineCheck>().CheckAsync();
        Assert.Equal((0, 0), (queued, db.ChangeTracker.Entries<ReviewTask>().Count()));
    }

    private Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Domain.Nominations.Nomination, bool>> filter) =>
        app.QueryAsync(db => db.Nominations.Where(n => n.Year == Year).CountAsync(filter));

    private static async Task<IEnumerable<IDictionary<string, object>>> ReadSheetAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
    }
}
