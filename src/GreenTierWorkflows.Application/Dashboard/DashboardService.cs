using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Paging;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// Builds the statistics dashboard from the nominations, the stays projection of their history (<see cref="NominationStageStay"/>), the tasks and the listings,
/// in the official's jurisdiction (<see cref="JurisdictionScope"/>, the one scope rule). The page and the Excel exports
/// both read this, so they always agree.
/// </summary>
public sealed class DashboardService(GreenTierDbContext db, IOptions<DashboardOptions> options, TimeProvider clock)
{
    /// <summary>The funnel's stages in process order; the first and last are derived from the nomination, the rest from its history.</summary>
    public static readonly IReadOnlyList<string> FunnelStages =
        [Submitted, StageNames.CityReview, StageNames.OnSiteVerification, StageNames.CityRecommendation, StageNames.ProvincialReview, StageNames.NationalReview, Listed];

    public const string Submitted = "已提交";
    public const string Listed = "列入名单";
    private const string SubmittedStage = StageNames.DistrictReview;

    /// <summary>Stages in process order, for the durations table (others follow by name).</summary>
    private static readonly string[] ProcessOrder = [SubmittedStage, .. StageNames.NominationTasks];

    /// <summary>A year's figures in the official's scope.</summary>
    public async Task<DomainResult<DashboardReport>> BuildAsync(Official official, int year, CancellationToken ct = default) =>
        await ReportAsync(official, year, null, null, ct);

    /// <summary>
    /// The figures of some of a year's tables (keys of <see cref="DashboardTables"/>, e.g. one of <see cref="DashboardTables.Parts"/>),
    /// the rest of the report left empty: the page asks for each part on its own and shows it as it comes; the figures are those
    /// of <see cref="BuildAsync"/> and of the exports (<see cref="TableAsync"/>), computed the same way. The recognised factories
    /// are only page <paramref name="targetPage"/> of them (<see cref="TargetPageSize"/> rows, ordered and paged in the database,
    /// their number counted there): the page shows 20 of the city's 10,000 at national scale. An unknown key is not found.
    /// </summary>
    public async Task<DomainResult<DashboardReport>> PartAsync(Official official, int year, IReadOnlyCollection<string> tables, int targetPage = 1,
        CancellationToken ct = default) =>
        tables.FirstOrDefault(key => !DashboardTables.Keys.Contains(key, StringComparer.Ordinal)) is { } unknown
            ? new DomainError(DomainErrorKind.NotFound, $"没有名为「{unknown}」的统计表。")
            : await ReportAsync(official, year, tables, new PageRequest(Math.Max(1, targetPage), TargetPageSize), ct);

    /// <summary>Recognised factories a page of the dashboard shows at a time (<see cref="PartAsync"/>).</summary>
    public const int TargetPageSize = PageRequest.DefaultPageSize;

    /// <summary>The name of the official's scope as the dashboard heads it (no query): their unit, or the city.</summary>
    public static string ScopeName(Official official) =>
        HuangshanUnits.NameOf(official.IsCityWide ? HuangshanUnits.CityCode : official.Jurisdiction ?? "");

    /// <summary>
    /// One table of a year's report (the Excel export), by its key (<see cref="DashboardTables"/>); an unknown key is not found. Only
    /// the figures that table shows are computed (the other parts of the report are left empty).
    /// </summary>
    public async Task<DomainResult<(DashboardReport Report, DashboardTable Table)>> TableAsync(Official official, int year, string key, CancellationToken ct = default)
    {
        var report = await ReportAsync(official, year, [key], null, ct);
        return DashboardTables.Find(report, key) is { } table ? (report, table) : new DomainError(DomainErrorKind.NotFound, $"没有名为「{key}」的统计表。");
    }

    /// <summary>
    /// The report, computed in the database. Counts are read from the dashboard's counts (<see cref="DashboardCount"/>, kept by
    /// <see cref="DashboardCountProjector"/> in every save): a few rows per unit and stage whatever the number of nominations —
    /// by unit and type, by stage and status, submitted, open tasks by stage and role, stays reached and ended. What depends
    /// on the moment or on order is read from indexes: a stage's median stay is its middle ended stay(s) in order of length
    /// (<see cref="NominationStageStay"/>), a step's median wait and oldest task its open tasks in order of creation, its
    /// overdue tasks those whose due date has passed — one or a few rows a stage, never the history. The recognised factories
    /// are all of them, or one page (<paramref name="targetPage"/>).
    /// </summary>
    private async Task<DashboardReport> ReportAsync(Official official, int year, IReadOnlyCollection<string>? only, PageRequest? targetPage, CancellationToken ct)
    {
        bool Needs(params string[] tables) => only is null || tables.Any(t => only.Contains(t, StringComparer.Ordinal));
        var needsFunnel = Needs(DashboardTables.Funnel);
        var perStage = Needs(DashboardTables.Funnel, DashboardTables.Durations) ? await StageTotals(official, year).ToListAsync(ct) : [];
        var reached = perStage.ToDictionary(r => r.Stage, r => r.Reached, StringComparer.Ordinal);
        var submitted = needsFunnel ? await SubmittedAsync(official, year, ct) : 0;
        var listed = needsFunnel ? await Counts(official, year, DashboardMeasures.NominationsByStatus)
            .Where(c => c.Detail == nameof(NominationStatus.Listed)).SumAsync(c => c.Count, ct) : 0;
        var units = HuangshanUnits.Districts.VisibleTo(official, u => u.Code).ToList();
        var (stages, stageDistricts) = Needs(DashboardTables.Funnel, DashboardTables.Bottlenecks, DashboardTables.StageDistricts)
            ? await StagesNowAsync(official, year, units, ct) : (Array.Empty<StageLoad>(), Array.Empty<DistrictStageRow>());
        var funnel = !needsFunnel ? [] : FunnelStages.Select(stage =>
        {
            var load = stages.FirstOrDefault(l => l.Stage == stage);
            return new FunnelStep(stage, stage switch
            {
                Submitted => submitted,
                Listed => listed,
                _ => reached.GetValueOrDefault(stage),
            }, stage == Listed ? listed : load?.Now ?? 0, load?.Waiting ?? 0, load?.Overdue ?? 0);
        }).ToList();

        var counts = !Needs(DashboardTables.Districts) ? new Dictionary<(string, string), int>() : (await Counts(official, year, DashboardMeasures.NominationsByType)
                .GroupBy(c => new { c.DistrictCode, c.Detail })
                .Select(g => new { g.Key.DistrictCode, g.Key.Detail, Count = g.Sum(c => c.Count) }).ToListAsync(ct))
            .ToDictionary(c => (c.DistrictCode, c.Detail), c => c.Count);
        var districts = units.Select(u => new DistrictTypeRow(u.Code, u.Name,
            Enum.GetValues<NominationType>().ToDictionary(t => t, t => counts.GetValueOrDefault((u.Code, t.ToString()))))).ToList();

        var durations = new List<StageDuration>();
        foreach (var stage in perStage.Where(p => p.Ended > 0 && Needs(DashboardTables.Durations)))
        {
            // The count and the stays are read apart: a stay reopened in between may leave the middle short (left out then).
            var middle = await MiddleStays(official, year, stage.Stage, stage.Ended).ToListAsync(ct);
            if (middle.Count > 0) durations.Add(new StageDuration(stage.Stage, middle.Average(), stage.Ended));
        }
        durations = durations
            .OrderBy(d => Array.IndexOf(ProcessOrder, d.Stage) is var i and >= 0 ? i : ProcessOrder.Length)
            .ThenBy(d => d.Stage, StringComparer.Ordinal)
            .ToList();

        return new DashboardReport(year, ScopeName(official),
            funnel, districts, Needs(DashboardTables.Target) ? await TargetAsync(official, year, targetPage, ct) : new TargetProgress(options.Value.AnnualGreenFactoryTarget, 0, []),
            durations, stages, stageDistricts);
    }

    /// <summary>The rows of one measure of the year in scope (a count is the sum of its key's rows).</summary>
    private IQueryable<DashboardCount> Counts(Official official, int year, string measure) =>
        CountedTotals.InScope(db, official, year, null).Where(c => c.Measure == measure);

    /// <summary>Per stage of the year in scope: the nominations that reached it (first stays) and its ended stays, from the counts.</summary>
    internal IQueryable<StageTotal> StageTotals(Official official, int year) =>
        CountedTotals.InScope(db, official, year, null)
            .Where(c => c.Measure == DashboardMeasures.Reached || c.Measure == DashboardMeasures.EndedStays)
            .GroupBy(c => c.Stage)
            .Select(g => new
            {
                Stage = g.Key,
                Reached = g.Sum(c => c.Measure == DashboardMeasures.Reached ? c.Count : 0),
                Ended = g.Sum(c => c.Measure == DashboardMeasures.EndedStays ? c.Count : 0),
            })
            .Where(t => t.Reached != 0 || t.Ended != 0)
            .Select(t => new StageTotal(t.Stage, t.Reached, t.Ended));

    /// <summary>
    /// 已提交: the nominations with a submission date (counted), and those without one whose history has a district review
    /// (undated ones are few — drafts — and read on their partial index). The review is looked up per undated nomination as
    /// a scalar sub-query (LIMIT 1) on the stays' key: as EXISTS, PostgreSQL hashed every district-review stay of the table
    /// instead (100k: 59 → 14 ms).
    /// </summary>
    private async Task<int> SubmittedAsync(Official official, int year, CancellationToken ct) =>
        await Counts(official, year, DashboardMeasures.Submitted).SumAsync(c => c.Count, ct)
        + await db.Nominations.VisibleTo(official).AsNoTracking().CountAsync(n => n.Year == year && n.SubmittedAt == null
            && db.NominationStageStays.Where(s => s.NominationId == n.Id && s.Stage == SubmittedStage).Select(s => 1).FirstOrDefault() == 1, ct);

    /// <summary>The middle one (odd) or two (even) of a stage's <paramref name="ended"/> stay lengths, read in index order.</summary>
    internal IQueryable<double> MiddleStays(Official official, int year, string stage, int ended) =>
        Stays(official, year).Where(s => s.Stage == stage && s.Days != null).OrderBy(s => s.Days)
            .Skip((ended - 1) / 2).Take(ended % 2 == 1 ? 1 : 2).Select(s => s.Days!.Value);

    private IQueryable<NominationStageStay> Stays(Official official, int year) =>
        db.NominationStageStays.VisibleTo(official).AsNoTracking().Where(s => s.Year == year);

    /// <summary>
    /// The review steps now: the year's nominations in scope at each step and the open review tasks by step, unit and role
    /// (from the counts); per step, the overdue tasks (those due before now, on the due-date index), the oldest task and the
    /// median wait (the middle row(s) of its open tasks ordered by creation) — a few rows a step, never every task.
    /// </summary>
    private async Task<(IReadOnlyList<StageLoad>, IReadOnlyList<DistrictStageRow>)> StagesNowAsync(Official official,
        int year, IReadOnlyList<AdministrativeUnit> units, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var steps = StageNames.NominationTasks.ToList();
        var inReview = new[] { nameof(NominationStatus.InProgress), nameof(NominationStatus.Returned) };
        var at = await Counts(official, year, DashboardMeasures.NominationsByStatus)
            .Where(c => inReview.Contains(c.Detail) && steps.Contains(c.Stage))
            .GroupBy(c => new { c.Stage, c.DistrictCode })
            .Select(g => new { g.Key.Stage, g.Key.DistrictCode, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        var waiting = await Counts(official, year, DashboardMeasures.OpenTasks).Where(c => steps.Contains(c.Stage))
            .GroupBy(c => new { c.Stage, c.DistrictCode, c.Detail })
            .Select(g => new { g.Key.Stage, g.Key.DistrictCode, Role = g.Key.Detail, Count = g.Sum(c => c.Count) })
            .ToListAsync(ct);
        var open = db.ReviewTasks.AsNoTracking().VisibleTo(official)
            .Where(t => t.Status == ReviewTaskStatus.Open && t.Year == year && steps.Contains(t.Stage));
        var overdue = await open.Where(t => t.DueAt != null && t.DueAt < now)
            .GroupBy(t => new { t.Stage, t.DistrictCode })
            .Select(g => new { g.Key.Stage, g.Key.DistrictCode, Count = g.Count() }).ToListAsync(ct);

        var stages = new List<StageLoad>();
        foreach (var stage in steps)
        {
            var tasks = waiting.Where(w => w.Stage == stage && w.Count > 0).ToList();
            var count = tasks.Sum(w => w.Count);
            double? median = null, longest = null;
            if (count > 0)
            {
                // The count and the tasks are read apart: tasks decided in between may leave the middle (or all) gone.
                var inOrder = open.Where(t => t.Stage == stage).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => (DateTimeOffset?)t.CreatedAt);
                var middle = await inOrder.Skip((count - 1) / 2).Take(count % 2 == 1 ? 1 : 2).ToListAsync(ct);
                median = middle.Count > 0 ? middle.Average(c => (now - c!.Value).TotalDays) : null;
                longest = await inOrder.FirstOrDefaultAsync(ct) is { } oldest ? (now - oldest).TotalDays : null;
            }
            stages.Add(new StageLoad(stage, at.Where(a => a.Stage == stage).Sum(a => a.Count), count, overdue.Where(o => o.Stage == stage).Sum(o => o.Count),
                median, longest, tasks.Select(w => w.Role).Distinct().Order(StringComparer.Ordinal).ToList()));
        }
        var districts = units.Select(u => new DistrictStageRow(u.Code, u.Name, steps.ToDictionary(stage => stage, stage => new StageCount(
            at.Where(a => a.Stage == stage && a.DistrictCode == u.Code).Sum(a => a.Count),
            waiting.Where(w => w.Stage == stage && w.DistrictCode == u.Code).Sum(w => w.Count),
            overdue.Where(o => o.Stage == stage && o.DistrictCode == u.Code).Sum(o => o.Count))))).ToList();
        return (stages, districts);
    }

    /// <summary>
    /// 年度目标: distinct green factories whose provincial or national listing was granted in the year (列入名单日期 in the year)
    /// and has not been revoked, in the official's scope: counted in the database, and all of them (the export, the plan) or
    /// one page read (the page).
    /// </summary>
    private async Task<TargetProgress> TargetAsync(Official official, int year, PageRequest? page, CancellationToken ct)
    {
        var recognised = RecognisedFactories(official, year);
        var achieved = await recognised.CountAsync(ct);
        var rows = page is { } p ? recognised.Skip(p.Skip).Take(p.PageSize) : recognised;
        var factories = (await rows.Select(l => new { l.ApplicantName, l.DistrictCode, l.Tier, l.ListedOn }).ToListAsync(ct))
            .Select(l => new RecognisedFactory(l.ApplicantName, HuangshanUnits.NameOf(l.DistrictCode), l.Tier, l.ListedOn))
            .ToList();
        return new TargetProgress(options.Value.AnnualGreenFactoryTarget, achieved, factories, page?.Skip ?? 0);
    }

    /// <summary>
    /// The year's recognised factories in scope, one listing per factory (by enterprise, else by name: the national one when
    /// it has both, else the first by id), in the table's order (listed on, name, id) — a query, so the page pages it and counts
    /// it in the database and the export reads it whole: the same rows in the same order. A listing stands for its factory
    /// when no better one of the same factory exists, looked up on the enterprise's index.
    /// </summary>
    internal IQueryable<Listing> RecognisedFactories(Official official, int year)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var listings = db.Listings.AsNoTracking().VisibleTo(official).Where(l => l.Type == NominationType.GreenFactory && (l.Tier == Tier.Province || l.Tier == Tier.National)
            && l.ListedOn >= from && l.ListedOn <= to);
        // The same listings, "not revoked" rather than "active" (a listing is one or the other): the enterprise's index is then
        // the only one the look-up can use, where "active" let both engines pick the status index and read every active
        // listing once per listing.
        var others = listings.Where(o => o.Status != ListingStatus.Revoked);
        // The rule once (NoBetterListing), looked up once per way of telling a factory, its enterprise or else its name, so
        // that each look-up stays a plain equality: the enterprise's one is what its index serves.
        return listings.Where(l => l.Status == ListingStatus.Active)
            .Where(NoBetterListing(others, l => l.EnterpriseId == null, (o, l) => o.EnterpriseId == l.EnterpriseId))
            .Where(NoBetterListing(others, l => l.EnterpriseId != null, (o, l) => o.EnterpriseId == null && o.ApplicantName == l.ApplicantName))
            .OrderBy(l => l.ListedOn).ThenBy(l => l.ApplicantName).ThenBy(l => l.Id);
    }

    /// <summary>
    /// The one rule of which listing stands for a factory: a listing <c>o</c> is better than <c>l</c> when it is national and
    /// <c>l</c> provincial, or of the same tier and first by id. Tier is stored as its name, so "higher" is spelt out rather
    /// than compared.
    /// </summary>
    private static readonly Expression<Func<Listing, Listing, bool>> Better = (o, l) =>
        (o.Tier == Tier.National && l.Tier == Tier.Province) || (o.Tier == l.Tier && string.Compare(o.Id, l.Id) < 0);

    /// <summary>
    /// <c>l =&gt; exempt(l) || !others.Any(o =&gt; sameFactory(o, l) &amp;&amp; Better(o, l))</c>: no listing of
    /// <paramref name="others"/> of the same factory as <c>l</c> is better than it, the factory told by
    /// <paramref name="sameFactory"/>; a listing <paramref name="exempt"/> says is not told that way passes. Built as one
    /// expression tree, so EF Core translates it as if it were written out in place (a correlated NOT EXISTS).
    /// </summary>
    private static Expression<Func<Listing, bool>> NoBetterListing(IQueryable<Listing> others, Expression<Func<Listing, bool>> exempt,
        Expression<Func<Listing, Listing, bool>> sameFactory)
    {
        var (o, l) = (sameFactory.Parameters[0], sameFactory.Parameters[1]);
        var better = new ReplacingExpressionVisitor([Better.Parameters[0], Better.Parameters[1]], [o, l]).Visit(Better.Body);
        var match = Expression.Lambda<Func<Listing, bool>>(Expression.AndAlso(sameFactory.Body, better), o);
        var exists = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Listing)], others.Expression, Expression.Quote(match));
        return Expression.Lambda<Func<Listing, bool>>(
            Expression.OrElse(ReplacingExpressionVisitor.Replace(exempt.Parameters[0], l, exempt.Body), Expression.Not(exists)), l);
    }
}
