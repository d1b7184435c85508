using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// The dashboard's recognised factories are paged and counted in the database (the page used to load the city's 10,000 at
/// 100k nominations to show 20): a factory's better listing is looked up on the enterprise's index, and neither the page nor
/// the export reads the listings table whole. SQLite EXPLAIN QUERY PLAN; PostgreSQL EXPLAIN with sequential scans priced out.
/// </summary>
public abstract class DashboardTargetPlanTests(NominationFixture app)
{
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);
    private static readonly Official Shexian = new("t-shexian", "shexian", "歙县工信局", [Roles.District], "341021");

    [Fact]
    public async Task RecognisedFactories_PageAndCount_LookUpTheEnterpriseIndex_WithoutAScan()
    {
        using var scope = app.Factory.Services.CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<DashboardService>();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        foreach (var who in new[] { City, Shexian })
        {
            var factories = dashboard.RecognisedFactories(who, 2026);
            // A page (the dashboard) and the whole list (the export; the count reads the same rows).
            foreach (var query in new IQueryable[] { factories.Skip(20).Take(20), factories })
            {
                var plan = await QueryPlan.OfAsync(db, query);
                Assert.True(plan.Uses("IX_Listings_EnterpriseId"), $"expected the enterprise index for a factory's better listing:\n{plan}");
                // Once, by the outer read of the active listings: a look-up per listing on it would read them all again each time.
                Assert.True(plan.Lines.Count(l => l.Contains("IX_Listings_Status_Year", StringComparison.Ordinal)) <= 1, $"expected no look-up on the status index:\n{plan}");
                Assert.False(plan.Scans, $"expected no scan of a table:\n{plan}");
            }
        }
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteDashboardTargetPlanTests(NominationFixture app) : DashboardTargetPlanTests(app);

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlDashboardTargetPlanTests(PostgreSqlNominationFixture app) : DashboardTargetPlanTests(app);
