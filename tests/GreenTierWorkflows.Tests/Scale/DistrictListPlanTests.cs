using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// A unit's year list (the city filtering by district, or the district's own list, and their .xlsx export) is read in the
/// order of <c>IX_Nominations_Year_DistrictCode_CreatedAt_Id</c>: the unit's rows only, already in the list's order. Before,
/// the id was missing from the index, so the planner walked the whole year by creation time and dropped other units' rows
/// (the city's export of 歙县's 12,500 nominations took 8–13 s at 100k). SQLite EXPLAIN QUERY PLAN; PostgreSQL EXPLAIN with
/// sorting and sequential scans priced out.
/// </summary>
public abstract class DistrictListPlanTests(NominationFixture app)
{
    [Fact]
    public async Task DistrictYearList_IsReadInTheUnitsIndexOrder_WithoutASort()
    {
        using var scope = app.Factory.Services.CreateScope();
        var nominations = scope.ServiceProvider.GetRequiredService<NominationService>();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var city = new Official("t-city", "city", "市经信局", [Roles.CityReviewer], null);
        var shexian = new Official("t-shexian", "shexian", "歙县工信局", [Roles.District], "341021");
        var queries = new[]
        {
            nominations.ListRows(nominations.Search(city, new NominationListQuery(Year: 2026, District: "341021")).Value!),
            nominations.ListRows(nominations.Search(shexian, new NominationListQuery(Year: 2026)).Value!).Skip(200).Take(20),
            // The district's own export with the district named too (as the load harness asks): the scope's filter and the
            // district filter are one range of the same index, so the district pays what the city pays.
            nominations.ListRows(nominations.Search(shexian, new NominationListQuery(Year: 2026, District: "341021")).Value!),
        };
        foreach (var query in queries)
        {
            var plan = await QueryPlan.OfAsync(db, query);
            Assert.True(plan.Uses("IX_Nominations_Year_DistrictCode_CreatedAt_Id") && !plan.SortsOrScans, plan.ToString());
        }
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteDistrictListPlanTests(NominationFixture app) : DistrictListPlanTests(app);

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlDistrictListPlanTests(PostgreSqlNominationFixture app) : DistrictListPlanTests(app);
