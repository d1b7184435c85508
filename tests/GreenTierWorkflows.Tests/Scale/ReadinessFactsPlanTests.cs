using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Scale;

/// <summary>
/// A page of 培育梯度 reads its members' listings and nominations by the enterprise's or the park's index, one query per
/// column: the OR of both columns it used before read the whole nominations table on SQLite (0.2 s a page at 100k).
/// SQLite EXPLAIN QUERY PLAN; PostgreSQL EXPLAIN with sequential scans priced out.
/// </summary>
public abstract class ReadinessFactsPlanTests(NominationFixture app)
{
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);

    private static (ReadinessService Readiness, GreenTierDbContext Db) Services(IServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<ReadinessService>(), scope.ServiceProvider.GetRequiredService<GreenTierDbContext>());

    [Fact]
    public async Task MembersFacts_AreReadByTheEnterpriseAndParkIndexes_NotByAScan()
    {
        using var scope = app.Factory.Services.CreateScope();
        var (readiness, db) = Services(scope);
        string[] ids = ["e-1", "e-2"];
        var queries = new (IQueryable Query, string Index)[]
        {
            (readiness.NominationsOf(ids, parks: false), "IX_Nominations_EnterpriseId_Year_Type"),
            (readiness.NominationsOf(ids, parks: true), "IX_Nominations_ParkId_Year_Type"),
            (readiness.ListingsOf(ids, parks: false), "IX_Listings_EnterpriseId"),
            (readiness.ListingsOf(ids, parks: true), "IX_Listings_ParkId"),
        };
        foreach (var (query, index) in queries)
        {
            var plan = await QueryPlan.OfAsync(db, query);
            Assert.True(plan.Uses(index) && !plan.SortsOrScans, $"expected {index} without a scan:\n{plan}");
        }
    }

    /// <summary>
    /// A page of the ladder is read in the order of IX_PoolMemberships_Ladder, for the city and for one district: before, the
    /// planner took the year's index for the two years' bounds and sorted every active member of both for each page.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("341021")]
    public async Task LadderPage_IsReadInTheLadderIndexOrder_WithoutSortingTheScope(string? district)
    {
        using var scope = app.Factory.Services.CreateScope();
        var (readiness, db) = Services(scope);

        var plan = await QueryPlan.OfAsync(db, readiness.LadderMembers(City, new ReadinessQuery(District: district)).Skip(40).Take(20));

        Assert.True(plan.Uses(ReadinessLadderIndexDefinition.Name) && !plan.SortsOrScans, $"expected {ReadinessLadderIndexDefinition.Name} without a sort or scan:\n{plan}");
    }

    /// <summary>
    /// The ladder's count finds this year's members superseded from next year's enrolments, looking this year's up on the
    /// enterprise's and the park's index (as LINQ joins SQLite read every member of the year and searched again for each).
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("341021")]
    public async Task SupersededMembers_AreLookedUpFromNextYearsEnrolments_NotByAScan(string? district)
    {
        using var scope = app.Factory.Services.CreateScope();
        var (readiness, db) = Services(scope);

        var plan = await QueryPlan.OfAsync(db, readiness.Superseded(City, 2026, district, null));

        if (db.Database.IsSqlite())
            // Next year's side first, this year's looked up by key (SQLite then reads the union's few rows, "SCAN g": no table).
            Assert.True(plan.Lines.Any(l => l.Contains("SEARCH n USING INDEX IX_PoolMemberships_List (Year=?)", StringComparison.Ordinal))
                && plan.Lines.Any(l => l.Contains("SEARCH o USING INDEX IX_PoolMemberships_EnterpriseId_Year", StringComparison.Ordinal))
                && plan.Lines.Any(l => l.Contains("SEARCH o USING INDEX IX_PoolMemberships_ParkId_Year", StringComparison.Ordinal))
                && !plan.Lines.Any(l => l.TrimStart().StartsWith("SCAN n", StringComparison.Ordinal) || l.TrimStart().StartsWith("SCAN o", StringComparison.Ordinal)),
                $"expected next year's enrolments first and this year's members looked up on the enterprise's and the park's index:\n{plan}");
        else
            // PostgreSQL orders the join by its statistics (on a few rows a nested loop over the ladder's index); no table is read whole.
            Assert.False(plan.Scans, $"expected no sequential scan:\n{plan}");
    }

    /// <summary>
    /// A standing filter (省级有差距) reads its page and its count from the standings' index of that tier, in the ladder's order
    /// and from the filter's range only: before, every member of the scope was assessed (6 s for a city of 100,000), and then
    /// the ladder was walked checking each member's stored standing (0.1 s for a standing few members have).
    /// </summary>
    [Theory]
    [InlineData(null, null)]
    [InlineData("341021", null)]
    [InlineData(null, NominationType.GreenFactory)]
    public async Task StandingFilter_ReadsTheTiersStandingIndex_WithoutSortingTheScope(string? district, NominationType? type)
    {
        using var scope = app.Factory.Services.CreateScope();
        var (readiness, db) = Services(scope);
        var standings = await readiness.LadderStandingsAsync(City, new ReadinessQuery(District: district, Type: type, Tier: Tier.Province, Standing: TierStanding.Gaps));

        foreach (var read in new[] { standings.Skip(40).Take(20).Select(s => s.Id), standings.Select(s => s.Id) })
        {
            var plan = await QueryPlan.OfAsync(db, read);
            Assert.True(plan.Uses("IX_MemberStandings_Province") && !plan.SortsOrScans, $"expected IX_MemberStandings_Province without a sort or scan:\n{plan}");
        }
    }

    /// <summary>
    /// The export's next batch seeks in the ladder's index past the last member read (its district from its name on, then the
    /// later districts), instead of walking the members read so far as an OFFSET did.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("341021")]
    public async Task NextBatch_SeeksInTheLadderIndex_WithoutSortingTheScope(string? district)
    {
        using var scope = app.Factory.Services.CreateScope();
        var (readiness, db) = Services(scope);
        var members = readiness.LadderMembers(City, new ReadinessQuery(District: district));
        var last = new PoolMembership { Id = "m-1", DistrictCode = "341021", MemberName = "歙县某企业" };

        foreach (var next in new[] { ReadinessService.AfterInDistrict(members, last), ReadinessService.InLaterDistricts(members, last) })
        {
            var plan = await QueryPlan.OfAsync(db, next.Take(1000));
            Assert.True(plan.Uses(ReadinessLadderIndexDefinition.Name) && !plan.SortsOrScans, $"expected {ReadinessLadderIndexDefinition.Name} without a sort or scan:\n{plan}");
        }
    }
}

[Collection(NominationCollection.Name)]
public sealed class SqliteReadinessFactsPlanTests(NominationFixture app) : ReadinessFactsPlanTests(app);

[Collection(PostgreSqlNominationCollection.Name)]
public sealed class PostgreSqlReadinessFactsPlanTests(PostgreSqlNominationFixture app) : ReadinessFactsPlanTests(app);
