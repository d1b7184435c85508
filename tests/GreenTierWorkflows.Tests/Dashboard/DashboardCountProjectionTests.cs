using System.Data;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Pools;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Dashboard;

/// <summary>
/// The dashboard's counts (<see cref="DashboardCount"/>) against the records they count: after decisions, concurrent ones,
/// a return for revision, a draft, a deleted draft and a pool member's exit, the sums of the rows of changes equal every measure counted afresh from the
/// nominations, tasks, stays and pool members in the same snapshot; they still do after the compaction folds them (one row per count)
/// and after the set-based rebuild; a save that failed and was retried counts its changes once; and the dashboard's
/// figures are those counts. Runs in the stays' collection (its own app and database, tests one at a time).
/// </summary>
public abstract class DashboardCountProjectionTests(NominationFixture app) : NominationSteps(app)
{
    private const int Year = 2026;
    private static readonly Official City = new("t-city", "city", "市经信局", [Roles.CityReviewer], null);
    private static readonly Official Shexian = new("t-shexian", "shexian", "歙县工信局", [Roles.District], "341021");

    [Fact]
    public async Task Counts_EqualTheRecordsCountedAfresh_AfterDecisions_Compaction_AndRebuild()
    {
        var ids = new List<string>();
        foreach (var name in new[] { "歙县计数投影甲企业", "歙县计数投影乙企业", "歙县计数投影丙企业" }) ids.Add(await SubmitNewAsync("shexian", "341021", name));
        await DraftAsync("tunxi", "341002", "屯溪计数投影草稿企业");
        var deleted = await DraftAsync("tunxi", "341002", "屯溪计数投影删除草稿企业");
        using (var deleting = App.Factory.Services.CreateScope())
        {
            var tunxi = new Official("t-tunxi", "tunxi", "屯溪区工信局", [Roles.District], "341002");
            Assert.True((await deleting.ServiceProvider.GetRequiredService<NominationService>().DeleteDraftAsync(tunxi, deleted)).Ok);
        }
        await DecideAsync("city", ids[0], "市级评审", "退回修改", "请补充近三年能耗数据");
        await DecideAsync("shexian", ids[0], "退回修改", "重新提交");
        // Decided at once: the changes of the same counts are saved side by side.
        await Task.WhenAll(ids.Select(id => DecideAsync("city", id, "市级评审", "通过")));
        await DecideAsync("verifier", ids[1], "现场核查", "不通过", "现场核查发现能耗台账缺失");
        await DecideAsync("verifier", ids[2], "现场核查", "通过");
        using (var exiting = App.Factory.Services.CreateScope())
        {
            // A member leaves the pool: −1 在库, +1 已出库 of its type.
            var pool = exiting.ServiceProvider.GetRequiredService<CultivationPool>();
            var member = (await pool.ListPageAsync(Shexian, new(Year: Year, District: "341021", Active: true), 1, 1)).Value!.Items.Single();
            Assert.True((await pool.ExitAsync(Shexian, member.Id, new PoolExit("企业已搬迁出本县"))).Ok);
        }

        var (expected, projected, rows) = await SnapshotAsync();
        Assert.Equal(Format(expected), Format(projected));
        Assert.Contains(expected, c => c.Key.Measure == DashboardMeasures.PoolMembers && c.Key.Detail.EndsWith(DashboardMeasures.ExitedSuffix) && c.Value > 0);
        Assert.Contains(expected, c => c.Key.Measure == DashboardMeasures.OpenTasks && c.Value > 0);
        Assert.Contains(expected, c => c.Key.Measure == DashboardMeasures.EndedStays && c.Key.Stage == "退回修改");
        Assert.True(rows > projected.Count, $"{rows} rows for {projected.Count} counts: the saves should have left rows of changes to fold");

        var folded = await App.QueryAsync(db => DashboardCountStore.CompactAsync(db));
        Assert.Equal(rows, folded);
        (expected, projected, rows) = await SnapshotAsync();
        Assert.Equal(Format(expected), Format(projected));
        Assert.Equal(projected.Count, rows);

        await App.QueryAsync(async db => { await DashboardCountStore.RebuildAsync(db); return 0; });
        (expected, projected, rows) = await SnapshotAsync();
        Assert.Equal(Format(expected), Format(projected));
        Assert.Equal(projected.Count, rows);

        // The dashboard's figures are those counts.
        using var scope = App.Factory.Services.CreateScope();
        var report = (await scope.ServiceProvider.GetRequiredService<DashboardService>().BuildAsync(City, Year)).Value!;
        int Sum(string measure, Func<CountKey, bool>? where = null) =>
            expected.Where(c => c.Key.Year == Year && c.Key.Measure == measure && (where?.Invoke(c.Key) ?? true)).Sum(c => c.Value);
        Assert.Equal(Sum(DashboardMeasures.Reached, k => k.Stage == "现场核查"), report.Funnel.Single(s => s.Stage == "现场核查").Count);
        Assert.Equal(Sum(DashboardMeasures.OpenTasks, k => k.Stage == "现场核查"), report.Funnel.Single(s => s.Stage == "现场核查").Waiting);
        Assert.Equal(Sum(DashboardMeasures.NominationsByType, k => k.DistrictCode == "341002" && k.Detail == nameof(NominationType.GreenFactory)),
            report.Districts.Single(d => d.DistrictCode == "341002").ByType[NominationType.GreenFactory]);
        Assert.Equal(Sum(DashboardMeasures.Submitted), report.Funnel.Single(s => s.Stage == DashboardService.Submitted).Count);

        // 已提交 also counts a nomination without a submission date whose history shows a district review (as imported records
        // may): looked up beside the counts.
        await App.WithDbAsync(db =>
        {
            db.Nominations.Add(new Nomination
            {
                Id = "undated-reviewed", Type = NominationType.GreenFactory, TargetTier = Tier.Province, Year = Year, DistrictCode = "341002",
                ApplicantName = "屯溪无提交日期企业", Status = NominationStatus.InProgress, Stage = "区县初审", CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
            });
            db.NominationEvents.Add(new NominationEvent { NominationId = "undated-reviewed", At = DateTimeOffset.UtcNow, ActorName = "测试", Action = "补录", Stage = "区县初审" });
        });
        using var after = App.Factory.Services.CreateScope();
        var again = (await after.ServiceProvider.GetRequiredService<DashboardService>().BuildAsync(City, Year)).Value!;
        Assert.Equal(Sum(DashboardMeasures.Submitted) + 1, again.Funnel.Single(s => s.Stage == DashboardService.Submitted).Count);
    }

    [Fact]
    public async Task ListTotals_FromTheCounts_EqualTheRowsCounted()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县列表总数测试企业");
        await DecideAsync("city", id, "市级评审", "退回修改", "请补充材料");
        await DraftAsync("tunxi", "341002", "屯溪列表总数草稿企业");
        using var scope = App.Factory.Services.CreateScope();
        var nominations = scope.ServiceProvider.GetRequiredService<NominationService>();
        var shexian = Shexian;
        foreach (var (who, query) in new (Official, NominationListQuery)[]
        {
            (City, new(Year: Year)), (City, new()), (City, new(Year: Year, District: "341021")), (City, new(Year: Year, Status: NominationStatus.Returned)),
            (City, new(Year: Year, Stage: "退回修改")), (City, new(Year: Year, Type: NominationType.GreenFactory)), (City, new(Year: Year, Status: NominationStatus.Draft, Stage: "草稿")),
            (shexian, new(Year: Year)), (shexian, new(Year: Year, District: "341002")),
        })
        {
            var page = (await nominations.PageAsync(who, query, 1, 20)).Value!;
            var rows = await nominations.Search(who, query).Value!.CountAsync();
            Assert.True(rows > 0 || query.District == "341002", $"{query}: the walk should have left nominations to count");
            Assert.Equal((query, rows), (query, page.Total));
        }
        var tasks = scope.ServiceProvider.GetRequiredService<ReviewTaskService>();
        var verifier = new Official("t-verifier", "verifier", "现场核查组", [Roles.Verifier], null);
        foreach (var (who, query) in new (Official, TaskQuery)[]
        {
            (City, new()), (City, new(Year: Year)), (City, new(Year: Year, Stage: "市级评审", District: "341021")), (shexian, new()), (verifier, new()),
        })
        {
            var (_, total) = await tasks.ListAsync(who, query);
            var roles = who.Roles.ToList();
            var rows = await App.QueryAsync(db => db.ReviewTasks.VisibleTo(who).CountAsync(t => t.Status == ReviewTaskStatus.Open && roles.Contains(t.AssigneeRole)
                && (query.Year == null || t.Year == query.Year) && (query.Stage == null || t.Stage == query.Stage) && (query.District == null || t.DistrictCode == query.District)));
            Assert.Equal((who.UserName, query, rows), (who.UserName, query, total));
        }
        var pool = scope.ServiceProvider.GetRequiredService<CultivationPool>();
        var exited = (await pool.ListPageAsync(shexian, new(Year: Year, Active: true), 1, 1)).Value!.Items.Single();
        Assert.True((await pool.ExitAsync(shexian, exited.Id, new PoolExit("已完成创建，转入省级培育"))).Ok);
        foreach (var (who, query) in new (Official, PoolListQuery)[]
        {
            (City, new()), (City, new(Year: Year)), (City, new(Year: Year, District: "341021")), (City, new(Year: Year, Active: false)),
            (City, new(Year: Year, Type: NominationType.GreenFactory, Active: true)), (City, new(Type: NominationType.GreenSupplyChain)),
            (shexian, new(Year: Year)), (shexian, new(Year: Year, Active: false)), (shexian, new(District: "341002")),
        })
        {
            var page = (await pool.ListPageAsync(who, query, 1, 20)).Value!;
            var rows = await pool.Search(who, query).Value!.CountAsync();
            Assert.True(rows > 0 || query.District == "341002" || query.Type == NominationType.GreenSupplyChain, $"{query}: the pools should have members to count");
            Assert.Equal((who.UserName, query, rows), (who.UserName, query, page.Total));
        }
    }

    [Fact]
    public async Task AStepWhoseTasksWereDecidedAfterItsCountWasRead_ShowsNoMedian_InsteadOfFailing()
    {
        // The count says one open task in 国家级评审 of 2031 but none is there any more (decided between the two reads).
        const int year = 2031;
        var stale = new DashboardCount { Year = year, DistrictCode = "341021", Measure = DashboardMeasures.OpenTasks, Stage = "国家级评审", Detail = Roles.Province, Count = 1 };
        await App.WithDbAsync(db => db.DashboardCounts.Add(stale));
        try
        {
            using var scope = App.Factory.Services.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<DashboardService>().BuildAsync(City, year);
            var step = report.Value!.Stages.Single(s => s.Stage == "国家级评审");
            Assert.Equal((1, (double?)null, (double?)null), (step.Waiting, step.MedianWaitDays, step.MaxWaitDays));
        }
        finally
        {
            await App.WithDbAsync(db => db.DashboardCounts.Add(new DashboardCount
            {
                Year = year, DistrictCode = stale.DistrictCode, Measure = stale.Measure, Stage = stale.Stage, Detail = stale.Detail, Count = -1,
            }));
        }
    }

    [Fact]
    public async Task ASaveThatFailed_AndIsRetried_CountsItsChangesOnce()
    {
        var id = await SubmitNewAsync("shexian", "341021", "歙县重试保存计数企业");
        var task = await App.QueryAsync(db => db.ReviewTasks.AsNoTracking().FirstAsync(t => t.NominationId == id && t.Status == ReviewTaskStatus.Open));
        await App.QueryAsync(async db =>
        {
            // An open task whose id is taken: the insert fails, the context keeps its changes (and the rows of count changes).
            var copy = Copy(task, task.Id);
            db.ReviewTasks.Add(copy);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.Entry(copy).State = EntityState.Detached;
            db.ReviewTasks.Add(Copy(task, task.Id + "-retry"));
            return await db.SaveChangesAsync();
        });
        var (expected, projected, _) = await SnapshotAsync();
        Assert.Equal(Format(expected), Format(projected));
    }

    private static ReviewTask Copy(ReviewTask t, string id) => new()
    {
        Id = id, NominationId = t.NominationId, WorkflowInstanceId = t.WorkflowInstanceId, WorkflowDefinitionId = t.WorkflowDefinitionId,
        WorkflowVersion = t.WorkflowVersion, ActivityId = t.ActivityId, Title = t.Title, Stage = t.Stage, AssigneeRole = t.AssigneeRole,
        DistrictCode = t.DistrictCode, Outcomes = t.Outcomes, NominationType = t.NominationType, Year = t.Year, ApplicantName = t.ApplicantName,
        CreatedAt = t.CreatedAt, DueAt = t.DueAt, Status = ReviewTaskStatus.Open,
    };

    /// <summary>
    /// In one snapshot (a serializable transaction): every measure counted here from the records, by the projector's keys; the
    /// projected counts (the sums of the rows, zero sums left out); and the number of rows.
    /// </summary>
    private Task<(Dictionary<CountKey, int> Expected, Dictionary<CountKey, int> Projected, int Rows)> SnapshotAsync() => App.QueryAsync(async db =>
    {
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable);
        var expected = new Dictionary<CountKey, int>();
        void CountAll(IEnumerable<CountKey> keys)
        {
            foreach (var key in keys) expected[key] = expected.GetValueOrDefault(key) + 1;
        }
        CountAll((await db.Nominations.AsNoTracking().ToListAsync()).SelectMany(DashboardCountProjector.Keys));
        CountAll((await db.ReviewTasks.AsNoTracking().ToListAsync()).SelectMany(DashboardCountProjector.Keys));
        CountAll((await db.NominationStageStays.AsNoTracking().ToListAsync()).SelectMany(DashboardCountProjector.Keys));
        CountAll((await db.PoolMemberships.AsNoTracking().ToListAsync()).SelectMany(DashboardCountProjector.Keys));
        var rows = await db.DashboardCounts.AsNoTracking().ToListAsync();
        var projected = rows.GroupBy(r => new CountKey(r.Year, r.DistrictCode, r.Measure, r.Stage, r.Detail))
            .Select(g => (g.Key, Sum: g.Sum(r => r.Count))).Where(g => g.Sum != 0).ToDictionary(g => g.Key, g => g.Sum);
        return (expected, projected, rows.Count);
    });

    private static List<string> Format(Dictionary<CountKey, int> counts) =>
        counts.Select(c => $"{c.Key.Year} {c.Key.DistrictCode} {c.Key.Measure} [{c.Key.Stage}] [{c.Key.Detail}] = {c.Value}").Order(StringComparer.Ordinal).ToList();
}

[Collection(StageStayCollection.Name)]
public sealed class SqliteDashboardCountProjectionTests(NominationFixture app) : DashboardCountProjectionTests(app);

[Collection(PostgreSqlStageStayCollection.Name)]
public sealed class PostgreSqlDashboardCountProjectionTests(PostgreSqlNominationFixture app) : DashboardCountProjectionTests(app);
