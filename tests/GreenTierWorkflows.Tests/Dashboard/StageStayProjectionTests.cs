using System.Net;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Dashboard;

/// <summary>An app and database of its own: the clock moves between decisions here.</summary>
[CollectionDefinition(Name)]
public sealed class StageStayCollection : ICollectionFixture<NominationFixture>
{
    public const string Name = "Stage stays";
}

/// <summary>The same on PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlStageStayCollection : ICollectionFixture<PostgreSqlNominationFixture>
{
    public const string Name = "Stage stays on PostgreSQL";
}

/// <summary>
/// The dashboard's projection (<see cref="NominationStageStay"/>) against the history it is kept from: after a full path
/// with a return for revision it equals the stays recomputed here from the history lines (and the migration's set-based
/// backfill writes the same rows), concurrent decisions on different nominations are both counted, and the dashboard reads
/// it on its indexes (query plans).
/// </summary>
public abstract class StageStayProjectionTests(NominationFixture app) : NominationSteps(app)
{
    private const int Year = 2026;
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);
    private static readonly Official Shexian = new("t-shexian", "shexian", "歙县工信局", [Roles.District], "341021");

    [Fact]
    public async Task Projection_EqualsTheStaysOfTheHistory_AfterAFullPathWithAReturnForRevision()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县停留投影测试企业");
        App.AdvanceClock(TimeSpan.FromDays(1.5));
        await DecideAsync("city", id, "市级评审", "退回修改", "请补充近三年能耗数据");
        App.AdvanceClock(TimeSpan.FromDays(2));
        await DecideAsync("shexian", id, "退回修改", "重新提交");
        App.AdvanceClock(TimeSpan.FromDays(3));
        await DecideAsync("city", id, "市级评审", "通过");
        App.AdvanceClock(TimeSpan.FromDays(1));
        await DecideAsync("verifier", id, "现场核查", "通过");
        App.AdvanceClock(TimeSpan.FromDays(4));
        await DecideAsync("city", id, "市级推荐", "通过");

        var projected = await StaysAsync(id);
        var expected = await RecomputedAsync(id);
        Assert.Equal(expected, projected);
        // The return made a second stay in city review: counted once as reached, twice as stays, 1.5 and 3 days long.
        var cityReview = projected.Where(s => s.Stage == "市级评审").ToList();
        Assert.Equal([(true, 1.5), (false, 3.0)], cityReview.Select(s => (s.First, Math.Round(s.Days ?? -1, 6))));
        Assert.Equal((null, null), (projected[^1].LeftAt, projected[^1].Days));
        Assert.Equal("省级评审", projected[^1].Stage);

        // The migration's backfill, run on the same history, writes the same rows.
        await App.QueryAsync(async db =>
        {
            await db.NominationStageStays.Where(s => s.NominationId == id).ExecuteDeleteAsync();
            return await db.Database.ExecuteSqlRawAsync(StageStayBackfill.Sql(db.Database.IsNpgsql()));
        });
        Assert.Equal(expected, await StaysAsync(id));
    }

    [Fact]
    public async Task TwoConcurrentDecisions_OnDifferentNominations_AreBothCounted()
    {
        var first = await SubmitNewAsync("shexian", "341021", "歙县并发决定甲企业");
        var second = await SubmitNewAsync("shexian", "341021", "歙县并发决定乙企业");
        var before = await ReachedAsync("现场核查");
        var tasks = await Task.WhenAll(TaskAsync("city", first, "市级评审"), TaskAsync("city", second, "市级评审"));
        var answers = await Task.WhenAll(tasks.Select(t => CompleteAsync("city", t["id"]!.GetValue<string>(), "通过")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        foreach (var id in new[] { first, second })
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await StaysAsync(id)).LastOrDefault()?.Stage != "现场核查" && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.Equal(await RecomputedAsync(id), await StaysAsync(id));
        }
        Assert.Equal(before + 2, await ReachedAsync("现场核查"));
    }

    [Fact]
    public async Task Projection_EqualsTheStaysOfTheHistory_AfterALongPathWithTwoReturns_DecidedConcurrently()
    {
        // Three nominations walk the same long path side by side: every step is decided on all three at once, so the
        // effects of several decisions are applied in one batch and the stays are extended from the lines each adds.
        var ids = new List<string>();
        foreach (var name in new[] { "歙县长路径甲企业", "歙县长路径乙企业", "歙县长路径丙企业" }) ids.Add(await SubmitNewAsync("shexian", "341021", name));
        async Task StepAsync(string user, string stage, string outcome, string? comment, double days)
        {
            App.AdvanceClock(TimeSpan.FromDays(days));
            await Task.WhenAll(ids.Select(id => DecideAsync(user, id, stage, outcome, comment)));
        }
        for (var round = 0; round < 2; round++)
        {
            await StepAsync("city", "市级评审", "退回修改", "请补充近三年能耗数据", 1 + round);
            await StepAsync("shexian", "退回修改", "重新提交", null, 0.5);
        }
        await StepAsync("city", "市级评审", "通过", null, 2);
        await StepAsync("verifier", "现场核查", "通过", null, 1);
        await StepAsync("city", "市级推荐", "通过", null, 3);

        foreach (var id in ids)
        {
            var projected = await StaysAsync(id);
            Assert.Equal(await RecomputedAsync(id), projected);
            // Three stays in city review (reached once), two in 退回修改, ending in provincial review.
            Assert.Equal([true, false, false], projected.Where(s => s.Stage == "市级评审").Select(s => s.First));
            Assert.Equal(2, projected.Count(s => s.Stage == "退回修改"));
            Assert.Equal(("省级评审", null), (projected[^1].Stage, projected[^1].LeftAt));
        }
    }

    [Fact]
    public async Task Projection_IsRecomputed_WhenALineIsDatedBeforeTheStoredOnes_OrChanged_OrRemoved()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县补记历史测试企业");
        App.AdvanceClock(TimeSpan.FromDays(2));
        await DecideAsync("city", id, "市级评审", "退回修改", "请补充材料");
        var stored = await StaysAsync(id);

        // A line written now but dated inside the first city-review stay splits it (it cannot simply be appended).
        var inside = stored.Single(s => s.Stage == "市级评审").EnteredAt.AddHours(12);
        await App.QueryAsync(async db =>
        {
            db.NominationEvents.Add(new NominationEvent { NominationId = id, At = inside, ActorName = "测试", Action = "补记", Stage = "区县初审" });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(await RecomputedAsync(id), await StaysAsync(id));
        Assert.NotEqual(stored.Count, (await StaysAsync(id)).Count);

        // The same line changed to another stage, then removed: the projection follows, back to where it was.
        await App.QueryAsync(async db =>
        {
            var line = await db.NominationEvents.SingleAsync(e => e.NominationId == id && e.Action == "补记");
            line.Stage = "市级评审";
            return await db.SaveChangesAsync();
        });
        Assert.Equal(await RecomputedAsync(id), await StaysAsync(id));
        await App.QueryAsync(async db =>
        {
            db.NominationEvents.Remove(await db.NominationEvents.SingleAsync(e => e.NominationId == id && e.Action == "补记"));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(stored, await StaysAsync(id));
    }

    [Fact]
    public async Task DashboardReadsTheProjectionAndTheCounts_OnTheirIndexes()
    {
        await SubmitNewAsync("shexian", "341021", "歙县查询计划测试企业");
        using var scope = App.Factory.Services.CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<DashboardService>();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        // The stage totals are read from the dashboard's counts (a few rows per unit and stage, grouped by a small sort); the
        // medians walk the stays' index in order of length.
        var queries = new (string Index, IQueryable Query, bool Groups)[]
        {
            ("IX_DashboardCounts_Key", dashboard.StageTotals(City, Year), true),
            ("IX_NominationStageStays_City", dashboard.MiddleStays(City, Year, "区县初审", 4), false),
            ("IX_DashboardCounts_Key", dashboard.StageTotals(Shexian, Year), true),
            ("IX_NominationStageStays_District", dashboard.MiddleStays(Shexian, Year, "区县初审", 3), false),
        };
        foreach (var (index, query, groups) in queries)
        {
            var plan = await QueryPlan.OfAsync(db, query);
            Assert.True(plan.Uses(index) && !plan.Scans && (groups || !plan.SortsOrScans), plan.ToString());
        }
    }

    private async Task<int> ReachedAsync(string stage)
    {
        using var scope = App.Factory.Services.CreateScope();
        var report = (await scope.ServiceProvider.GetRequiredService<DashboardService>().BuildAsync(City, Year)).Value!;
        return report.Funnel.Single(s => s.Stage == stage).Count;
    }

    private Task<List<Stay>> StaysAsync(string id) => App.QueryAsync(db => db.NominationStageStays.AsNoTracking().Where(s => s.NominationId == id)
        .OrderBy(s => s.Ordinal).Select(s => new Stay(s.Ordinal, s.Year, s.DistrictCode, s.Type, s.Stage, s.First, s.EnteredAt, s.LeftAt, s.Days)).ToListAsync());

    /// <summary>The stays read here from the history lines, independently of the projector: runs of one stage, 草稿 left out.</summary>
    private Task<List<Stay>> RecomputedAsync(string id) => App.QueryAsync(async db =>
    {
        var nomination = await db.Nominations.AsNoTracking().SingleAsync(n => n.Id == id);
        var lines = await db.NominationEvents.AsNoTracking().Where(e => e.NominationId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.At, e.Stage }).ToListAsync();
        var runs = new List<(string? Stage, DateTimeOffset At)>();
        foreach (var line in lines)
            if (runs.Count == 0 || runs[^1].Stage != (string.IsNullOrEmpty(line.Stage) ? null : line.Stage))
                runs.Add((string.IsNullOrEmpty(line.Stage) ? null : line.Stage, line.At));
        var stays = new List<Stay>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Stage is not { } stage || stage == "草稿") continue;
            DateTimeOffset? left = i + 1 < runs.Count ? runs[i + 1].At : null;
            stays.Add(new Stay(stays.Count, nomination.Year, nomination.DistrictCode, nomination.Type, stage, stays.All(s => s.Stage != stage),
                runs[i].At, left, left is { } l ? (l - runs[i].At).TotalDays : null));
        }
        return stays;
    });

    private sealed record Stay(int Ordinal, int Year, string DistrictCode, NominationType Type, string Stage, bool First,
        DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, double? Days);
}

[Collection(StageStayCollection.Name)]
public sealed class SqliteStageStayProjectionTests(NominationFixture app) : StageStayProjectionTests(app);

[Collection(PostgreSqlStageStayCollection.Name)]
public sealed class PostgreSqlStageStayProjectionTests(PostgreSqlNominationFixture app) : StageStayProjectionTests(app);
