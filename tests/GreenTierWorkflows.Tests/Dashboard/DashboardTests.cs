using System.Net;
using System.Net.Http.Json;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Web.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GreenTierWorkflows.Tests.Dashboard;

/// <summary>The dashboard gets its own app and database: its numbers must be exactly those of the nominations walked here.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<NominationFixture>
{
    public const string Name = "Dashboard";
}

/// <summary>The same on PostgreSQL (scale-out mode), with an app and database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlDashboardCollection : ICollectionFixture<PostgreSqlNominationFixture>
{
    public const string Name = "Dashboard on PostgreSQL";
}

/// <summary>
/// Statistics over nominations walked through the real workflow with the fake clock moved between decisions:
/// 歙县's provincial factory is listed (2 + 3 + 1 + 4 days in the review stages), 屯溪's is rejected at city review after
/// 2 days, and a 歙县 draft is never submitted.
/// </summary>
public abstract class DashboardTests(NominationFixture app) : DashboardWalk(app)
{

    [Fact]
    public async Task Funnel_CountsTheNominationsThatReachedEachStage()
    {
        var report = await ReportAsync(City);
        Assert.Equal(
            [("已提交", 2), ("市级评审", 2), ("现场核查", 1), ("市级推荐", 1), ("省级评审", 1), ("国家级评审", 0), ("列入名单", 1)],
            report.Funnel.Select(s => (s.Stage, s.Count)));
    }

    [Fact]
    public async Task DistrictTable_CountsEveryNominationOfTheYearByUnitAndType()
    {
        var report = await ReportAsync(City);
        Assert.Equal(8, report.Districts.Count);
        var shexian = report.Districts.Single(d => d.DistrictCode == "341021");
        var tunxi = report.Districts.Single(d => d.DistrictCode == "341002");
        Assert.Equal((2, 0, 0, 2), (shexian.ByType[NominationType.GreenFactory], shexian.ByType[NominationType.GreenPark], shexian.ByType[NominationType.GreenSupplyChain], shexian.Total));
        Assert.Equal(1, tunxi.Total);
        Assert.Equal(3, report.Districts.Sum(d => d.Total));
    }

    [Fact]
    public async Task Target_CountsProvincialFactoriesListedInTheYear_AgainstTheConfiguredTarget()
    {
        var report = await ReportAsync(City);
        Assert.Equal((2, 1, false), (report.Target.Target, report.Target.Achieved, report.Target.Met));
        var factory = Assert.Single(report.Target.Factories);
        Assert.Equal(("歙县看板绿色工厂", "歙县", Tier.Province, new DateOnly(2026, 6, 25)), (factory.Name, factory.DistrictName, factory.Tier, factory.ListedOn));
    }

    [Fact]
    public async Task TargetPart_ReadsOnePageAndCountsTheRest_AndItsPagesAreTheExportsRows()
    {
        await WalkOnceAsync();
        const int year = 2019; // a year of its own: the walk's figures stay as they are
        var listings = RecognisedListings(year);
        using (var scope = App.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
            db.Listings.AddRange(listings);
            await db.SaveChangesAsync();
        }

        foreach (var who in new[] { City, Shexian, Tunxi })
        {
            using var scope = App.Factory.Services.CreateScope();
            var dashboard = scope.ServiceProvider.GetRequiredService<DashboardService>();
            var export = (await dashboard.TableAsync(who, year, DashboardTables.Target)).Value.Table;

            // The rule as the dashboard kept it in memory before: one row per factory (its enterprise, else its name), the higher tier.
            var expected = listings.VisibleTo(who, l => l.DistrictCode)
                .Where(l => l.Type == NominationType.GreenFactory && l.Tier != Tier.City && l.Status == ListingStatus.Active && l.ListedOn.Year == year)
                .GroupBy(l => l.EnterpriseId ?? l.ApplicantName).Select(g => g.OrderByDescending(l => l.Tier).First())
                .OrderBy(l => l.ListedOn).ThenBy(l => l.ApplicantName, StringComparer.Ordinal)
                .Select(l => $"{l.ApplicantName}|{DomainText.Of(l.Tier)}").ToList();
            Assert.Equal(expected, export.Rows.Select(r => $"{r.Cells[0]}|{r.Cells[2]}"));

            // Page by page: 20 rows at most, the count of them all on each, together exactly the export's rows and keys.
            var paged = new List<DashboardRow>();
            for (var page = 1; page == 1 || paged.Count < export.Rows.Count; page++)
            {
                var part = (await dashboard.PartAsync(who, year, [DashboardTables.Target], page)).Value!;
                Assert.Equal(export.Rows.Count, part.Target.Achieved);
                var rows = DashboardTables.Find(part, DashboardTables.Target)!.Rows;
                Assert.InRange(rows.Count, Math.Min(1, export.Rows.Count), DashboardService.TargetPageSize);
                paged.AddRange(rows);
            }
            Assert.Equal(export.Rows.Select(r => (r.Key, string.Join("|", r.Cells))), paged.Select(r => (r.Key, string.Join("|", r.Cells))));
        }
        Assert.True(listings.Count(l => l.DistrictCode == "341021") > 2 * DashboardService.TargetPageSize, "歙县 needs several pages");
    }

    /// <summary>
    /// 歙县: 45 factories, every fifth also listed nationally (one row, 国家级), plus a factory without an enterprise listed twice at
    /// one tier (one row); 屯溪区: 3 factories. Left out: revoked, a park, a city listing, last year's.
    /// </summary>
    private static List<Listing> RecognisedListings(int year)
    {
        Listing Of(string? enterprise, string name, string district, Tier tier, DateOnly on, NominationType type = NominationType.GreenFactory,
            ListingStatus status = ListingStatus.Active) => new()
        {
            Id = Guid.NewGuid().ToString("N"), Type = type, Tier = tier, EnterpriseId = enterprise, ApplicantName = name, DistrictCode = district,
            Year = on.Year, ListedOn = on, Status = status,
        };
        var start = new DateOnly(year, 1, 5);
        var listings = new List<Listing>();
        for (var i = 0; i < 45; i++)
        {
            var (enterprise, name) = ($"e-target-{year}-{i:00}", $"看板分页工厂{44 - i:00}");
            listings.Add(Of(enterprise, name, "341021", Tier.Province, start.AddDays(i % 7)));
            if (i % 5 == 0) listings.Add(Of(enterprise, name, "341021", Tier.National, start.AddDays(60 + i % 3)));
        }
        listings.Add(Of(null, "看板无企业工厂", "341021", Tier.Province, start.AddDays(3)));
        listings.Add(Of(null, "看板无企业工厂", "341021", Tier.Province, start.AddDays(3)));
        for (var i = 0; i < 3; i++) listings.Add(Of($"e-target-{year}-t{i}", $"屯溪看板工厂{i}", "341002", Tier.Province, start.AddDays(i)));
        listings.Add(Of($"e-target-{year}-revoked", "看板撤销工厂", "341021", Tier.Province, start, status: ListingStatus.Revoked));
        listings.Add(Of($"e-target-{year}-park", "看板园区", "341021", Tier.Province, start, NominationType.GreenPark));
        listings.Add(Of($"e-target-{year}-city", "看板市级工厂", "341021", Tier.City, start));
        listings.Add(Of($"e-target-{year}-last", "看板去年工厂", "341021", Tier.Province, start.AddYears(-1)));
        return listings;
    }

    [Fact]
    public async Task Durations_AreMediansOfTheStaysBetweenConsecutiveHistoryEvents()
    {
        var report = await ReportAsync(City);
        Assert.Equal(
            [("区县初审", 0.0, 2), ("市级评审", 2.0, 2), ("现场核查", 3.0, 1), ("市级推荐", 1.0, 1), ("省级评审", 4.0, 1)],
            report.Durations.Select(d => (d.Stage, Math.Round(d.MedianDays, 3), d.Stays)));
    }

    [Fact]
    public async Task DistrictOfficials_SeeOnlyTheirOwnUnit()
    {
        var shexian = await ReportAsync(Shexian);
        Assert.Equal("341021", Assert.Single(shexian.Districts).DistrictCode);
        Assert.Equal(1, shexian.Funnel.Single(s => s.Stage == "已提交").Count);
        Assert.Equal(1, shexian.Target.Achieved);

        var tunxi = await ReportAsync(Tunxi);
        Assert.Equal(("341002", 1), (Assert.Single(tunxi.Districts).DistrictCode, tunxi.Districts[0].Total));
        Assert.Equal([1, 1, 0, 0, 0, 0, 0], tunxi.Funnel.Select(s => s.Count));
        Assert.Equal(0, tunxi.Target.Achieved);
        Assert.Equal([("区县初审", 1), ("市级评审", 1)], tunxi.Durations.Select(d => (d.Stage, d.Stays)));
    }

    [Theory]
    [InlineData("city")]
    [InlineData("shexian")]
    public async Task ExcelExport_HoldsTheServiceNumbers_UnderChineseHeaders(string user)
    {
        var report = await ReportAsync(user == "city" ? City : Shexian);
        var client = await App.ClientAsync(user);
        foreach (var table in DashboardTables.From(report))
        {
            using var response = await client.GetAsync($"/exports/dashboard/{table.Key}.xlsx?year={Year}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(DashboardExports.ContentType, response.Content.Headers.ContentType?.MediaType);
            await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

            // A table without rows is its header row alone (MiniExcel reads no columns from it with useHeaderRow).
            var headers = table.Rows.Count == 0
                ? MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().First().Values.Select(v => (string)v).ToList()
                : MiniExcel.GetColumns(stream, useHeaderRow: true, excelType: ExcelType.XLSX).ToList();
            Assert.Equal(table.Columns.Select(c => c.Header), headers);
            if (table.Rows.Count == 0) continue;
            stream.Position = 0;
            var rows = MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(table.Rows.Select(r => r.Cells.Select(Text)), rows.Select(r => headers.Select(h => Text(r[h]))));
        }

        var districts = (await ReadSheetAsync(client, DashboardTables.Districts)).ToDictionary(r => (string)r["区县"], r => Convert.ToInt32(r["合计"]));
        foreach (var row in report.Districts) Assert.Equal(row.Total, districts[row.DistrictName]);
    }

    [Fact]
    public async Task ExcelExport_SendsAnonymousVisitorsToSignIn_AndAnswers404ForAnUnknownTable()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        using var response = await anonymous.GetAsync($"/exports/dashboard/funnel.xlsx?year={Year}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());

        using var unknown = await (await App.ClientAsync("city")).GetAsync($"/exports/dashboard/nope.xlsx?year={Year}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static async Task<List<IDictionary<string, object>>> ReadSheetAsync(HttpClient client, string table)
    {
        var bytes = await client.GetByteArrayAsync($"/exports/dashboard/{table}.xlsx?year={Year}");
        return MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
    }

    protected override async Task WalkAsync()
    {
        var listed = await SubmitNewAsync("shexian", "341021", "歙县看板绿色工厂");
        var rejected = await SubmitNewAsync("tunxi", "341002", "屯溪看板未通过企业");
        var draftOf = await App.EnrolEnterpriseAsync("341021", "歙县看板草稿企业");
        await ReadAsync(await (await App.ClientAsync("shexian")).PostAsJsonAsync("/api/nominations", Draft(draftOf)), HttpStatusCode.Created);

        App.AdvanceClock(TimeSpan.FromDays(2));
        await DecideAsync("city", listed, "市级评审", "通过");
        await DecideAsync("city", rejected, "市级评审", "不通过", "能耗高于行业平均水平");
        App.AdvanceClock(TimeSpan.FromDays(3));
        await DecideAsync("verifier", listed, "现场核查", "通过");
        App.AdvanceClock(TimeSpan.FromDays(1));
        await DecideAsync("city", listed, "市级推荐", "通过");
        App.AdvanceClock(TimeSpan.FromDays(4));
        await DecideAsync("province", listed, "省级评审", "通过");
        Assert.Equal("Listed", (await NominationAsync("shexian", listed))["status"]!.GetValue<string>());
    }
}

[Collection(DashboardCollection.Name)]
public sealed class SqliteDashboardTests(NominationFixture app) : DashboardTests(app);

/// <summary>The same statistics with the app on PostgreSQL (scale-out mode).</summary>
[Collection(PostgreSqlDashboardCollection.Name)]
public sealed class PostgreSqlDashboardTests(PostgreSqlNominationFixture app) : DashboardTests(app);
