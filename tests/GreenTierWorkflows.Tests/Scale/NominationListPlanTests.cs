using GreenTierWorkflows.Application.Nominations;
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
    public async Task CityYearList_FarPage_IsReadInIndexOrder_WithoutASort()
    {
        using var scope = app.Factory.Services.CreateScope();
        var nominations = scope.ServiceProvider.GetRequiredService<NominationService>();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        await db.Database.OpenConnectionAsync();
        var city = new Official("t-city", "city", "市经信局", [Roles.CityReviewer], null);
        var page = nominations.Search(city, new NominationListQuery(Year: 2026)).Value!.Skip(4_980).Take(20);
        await db.Database.ExecuteSqlRawAsync("SET enable_sort = off; SET enable_incremental_sort = off; SET enable_seqscan = off");
        try
        {
            await using var command = page.CreateDbCommand();
            command.CommandText = "EXPLAIN " + command.CommandText;
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            var shown = string.Join("\n", plan);
            Assert.True(plan.Any(l => l.Contains("IX_Nominations_Year_CreatedAt_Id", StringComparison.Ordinal)), shown);
            Assert.False(plan.Any(l => l.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal) || l.Contains("Incremental Sort", StringComparison.Ordinal)), shown);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("RESET enable_sort; RESET enable_incremental_sort; RESET enable_seqscan");
        }
    }
}
