using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Pools;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// The city's nominations list of a year, in its default order (newest first, the id breaking ties), is read in the order
/// of <c>IX_Nominations_Year_CreatedAt_Id</c>: a page far down skips index entries instead of sorting the whole year on
/// every page view (at 100k nominations the last page took 9.9 s on SQLite before the index, 0.08 s after). Checked by
/// PostgreSQL's EXPLAIN with sorting and sequential scans priced out, so a plan that still sorts means no index gives the order.
/// The SQLite twin is <see cref="NationalScaleTests.NominationListPage_IsReadInIndexOrder_WithoutSortingTheYear"/>.
/// </summary>
[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlNominationListPlanTests(PostgreSqlNominationFixture app)
{
    [Fact]
    public Task CityYearList_FarPage_IsReadInIndexOrder_WithoutASort() =>
        AssertReadInIndexOrderAsync("IX_Nominations_Year_CreatedAt_Id",
            s => s.GetRequiredService<NominationService>().Search(City, new NominationListQuery(Year: 2026)).Value!.Skip(4_980).Take(20));

    [Fact]
    public Task CityYearList_SortedByApplicant_IsReadInIndexOrder_WithoutASort() =>
        AssertReadInIndexOrderAsync("IX_Nominations_Year_ApplicantName_Id",
            s => s.GetRequiredService<NominationService>().Search(City, new NominationListQuery(Year: 2026, Sort: NominationSort.Applicant)).Value!.Skip(40).Take(20));

    [Fact]
    public Task DistrictYearList_SortedByApplicant_IsReadInIndexOrder_WithoutASort() =>
        AssertReadInIndexOrderAsync("IX_Nominations_Year_DistrictCode_ApplicantName_Id",
            s => s.GetRequiredService<NominationService>().Search(City, new NominationListQuery(Year: 2026, District: "341021", Sort: NominationSort.Applicant)).Value!.Take(20));

    [Fact]
    public Task PoolYearList_IsReadInIndexOrder_WithoutASort() =>
        AssertReadInIndexOrderAsync("IX_PoolMemberships_List",
            s => s.GetRequiredService<CultivationPool>().Search(City, new PoolListQuery(Year: 2026)).Value!.Skip(40).Take(20));

    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);

    private async Task AssertReadInIndexOrderAsync<T>(string index, Func<IServiceProvider, IQueryable<T>> pageOf)
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        await db.Database.OpenConnectionAsync();
        var page = pageOf(scope.ServiceProvider);
        await db.Database.ExecuteSqlRawAsync("SET enable_sort = off; SET enable_incremental_sort = off; SET enable_seqscan = off");
        try
        {
            await using var command = page.CreateDbCommand();
            command.CommandText = "EXPLAIN " + command.CommandText;
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            var shown = string.Join("\n", plan);
            Assert.True(plan.Any(l => l.Contains(index, StringComparison.Ordinal)), shown);
            Assert.False(plan.Any(l => l.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal) || l.Contains("Incremental Sort", StringComparison.Ordinal)), shown);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("RESET enable_sort; RESET enable_incremental_sort; RESET enable_seqscan");
        }
    }
}
