using System.Net;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Tests.TestSupport;
using GreenTierWorkflows.Web.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GreenTierWorkflows.Tests.Dashboard;

/// <summary>The review steps now get their own app and clock: their waits must be exactly those of the walk below.</summary>
[CollectionDefinition(Name)]
public sealed class StageLoadCollection : ICollectionFixture<NominationFixture>
{
    public const string Name = "Dashboard steps now";
}

/// <summary>The same on PostgreSQL (scale-out mode).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlStageLoadCollection : ICollectionFixture<PostgreSqlNominationFixture>
{
    public const string Name = "Dashboard steps now on PostgreSQL";
}

/// <summary>
/// Where nominations are now (issue 17's funnel) and the bottleneck steps by waiting time (issue 19), walked through the
/// real workflow: 歙县 A and 屯溪 B are submitted on day 0; 歙县 C and D on day 4 (D passes city review); on day 12 A and B
/// are 2 days past their 10-day deadline, and 屯溪 E is submitted and returned for revision.
/// </summary>
public abstract class StageLoadTests(NominationFixture app) : DashboardWalk(app)
{

    [Fact]
    public async Task Bottlenecks_ListTheWaitingSteps_LongestWaitFirst_WithMedianMaxAndOverdue()
    {
        var report = await ReportAsync(City);
        Assert.Equal(
            [("市级评审", 3, 12.0, 12.0, 2), ("现场核查", 1, 8.0, 8.0, 0), ("退回修改", 1, 0.0, 0.0, 0)],
            report.Bottlenecks.Select(b => (b.Stage, b.Waiting, Math.Round(b.MedianWaitDays!.Value, 3), Math.Round(b.MaxWaitDays!.Value, 3), b.Overdue)));
        Assert.Equal([Roles.CityReviewer], report.Bottlenecks[0].Roles);
        Assert.Equal([Roles.District], report.Bottlenecks[2].Roles);
    }

    [Fact]
    public async Task Funnel_ShowsWhereNominationsAreNow_BesideHowManyEverReachedTheStage()
    {
        var report = await ReportAsync(City);
        Assert.Equal(
            [("已提交", 5, 0, 0, 0), ("市级评审", 5, 3, 3, 2), ("现场核查", 1, 1, 1, 0), ("市级推荐", 0, 0, 0, 0), ("省级评审", 0, 0, 0, 0), ("国家级评审", 0, 0, 0, 0), ("列入名单", 0, 0, 0, 0)],
            report.Funnel.Select(s => (s.Stage, s.Count, s.Now, s.Waiting, s.Overdue)));
        Assert.Equal((1, 1), (report.Stages.Single(s => s.Stage == "退回修改").Now, report.Stages.Single(s => s.Stage == "退回修改").Waiting));
    }

    [Fact]
    public async Task PerDistrict_CellsCountTheNominationsAtEachStep_WithTheOverdue()
    {
        var table = DashboardTables.Find(await ReportAsync(City), DashboardTables.StageDistricts)!;
        string Cell(string district, string stage) => (string)table.Rows.Single(r => r.Key == district).Cells[table.Columns.Select(c => c.Key).ToList().IndexOf(stage)];
        Assert.Equal(("2（逾期 1）", "1", ""), (Cell("341021", "市级评审"), Cell("341021", "现场核查"), Cell("341021", "退回修改")));
        Assert.Equal(("1（逾期 1）", "", "1"), (Cell("341002", "市级评审"), Cell("341002", "现场核查"), Cell("341002", "退回修改")));
        Assert.Equal(8, table.Rows.Count);
    }

    [Fact]
    public async Task DistrictOfficials_SeeOnlyTheirOwnUnitsWaits()
    {
        var shexian = await ReportAsync(Shexian);
        Assert.Equal([("市级评审", 2, 10.0, 1), ("现场核查", 1, 8.0, 0)],
            shexian.Bottlenecks.Select(b => (b.Stage, b.Waiting, Math.Round(b.MedianWaitDays!.Value, 3), b.Overdue)));
        Assert.Equal("341021", Assert.Single(shexian.StageDistricts).DistrictCode);

        var tunxi = await ReportAsync(Tunxi);
        Assert.Equal([("市级评审", 1, 1), ("退回修改", 1, 0)], tunxi.Bottlenecks.Select(b => (b.Stage, b.Waiting, b.Overdue)));
    }

    [Fact]
    public async Task Links_TakeTheHolderToTheFilteredInbox_AndOthersToTheFilteredNominationList()
    {
        var city = await ReportAsync(City);
        var bottlenecks = DashboardTables.Find(city, DashboardTables.Bottlenecks)!;
        var links = new DashboardLinks(city, City);
        Assert.Equal("/tasks?year=2026&stage=%E5%B8%82%E7%BA%A7%E8%AF%84%E5%AE%A1", links.Of(bottlenecks, bottlenecks.Rows[0], bottlenecks.Columns[0]));
        Assert.Equal("/nominations?year=2026&stage=%E7%8E%B0%E5%9C%BA%E6%A0%B8%E6%9F%A5", links.Of(bottlenecks, bottlenecks.Rows[1], bottlenecks.Columns[0]));
        Assert.StartsWith("/tasks?", new DashboardLinks(city, Verifier).Of(bottlenecks, bottlenecks.Rows[1], bottlenecks.Columns[0]));
        Assert.Equal("/tasks?year=2026&stage=%E5%B8%82%E7%BA%A7%E8%AF%84%E5%AE%A1&overdue=true",
            links.Of(bottlenecks, bottlenecks.Rows[0], bottlenecks.Columns.Single(c => c.Key == "overdue")));

        var perDistrict = DashboardTables.Find(city, DashboardTables.StageDistricts)!;
        var shexian = perDistrict.Rows.Single(r => r.Key == "341021");
        Assert.Equal("/nominations?year=2026&stage=%E5%B8%82%E7%BA%A7%E8%AF%84%E5%AE%A1&district=341021",
            links.Of(perDistrict, shexian, perDistrict.Columns.Single(c => c.Key == "市级评审")));
        Assert.Null(links.Of(perDistrict, shexian, perDistrict.Columns.Single(c => c.Key == "退回修改")));
    }

    [Theory]
    [InlineData("city", 3)]
    [InlineData("shexian", 2)]
    [InlineData("tunxi", 2)]
    public async Task BottleneckExport_HoldsTheCallersScope(string user, int rows)
    {
        await ReportAsync(City);
        var bytes = await (await App.ClientAsync(user)).GetByteArrayAsync($"/exports/dashboard/{DashboardTables.Bottlenecks}.xlsx?year={Year}");
        var sheet = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(rows, sheet.Count);
        Assert.Equal("市级评审", sheet[0]["环节"]);
        Assert.EndsWith(" 天", (string)sheet[0]["最长等待"]);
    }

    protected override async Task WalkAsync()
    {
        await SubmitNewAsync("shexian", "341021", "歙县瓶颈企业甲");
        await SubmitNewAsync("tunxi", "341002", "屯溪瓶颈企业乙");
        App.AdvanceClock(TimeSpan.FromDays(4));
        await SubmitNewAsync("shexian", "341021", "歙县瓶颈企业丙");
        var d = await SubmitNewAsync("shexian", "341021", "歙县瓶颈企业丁");
        await DecideAsync("city", d, "市级评审", "通过");
        App.AdvanceClock(TimeSpan.FromDays(8));
        var e = await SubmitNewAsync("tunxi", "341002", "屯溪瓶颈企业戊");
        await DecideAsync("city", e, "市级评审", "退回修改", "缺少能源审计报告");
    }
}

[Collection(StageLoadCollection.Name)]
public sealed class SqliteStageLoadTests(NominationFixture app) : StageLoadTests(app);

/// <summary>The same with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlStageLoadCollection.Name)]
public sealed class PostgreSqlStageLoadTests(PostgreSqlNominationFixture app) : StageLoadTests(app);
