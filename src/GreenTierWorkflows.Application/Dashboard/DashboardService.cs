using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// Builds the statistics dashboard from the nominations, their history (<see cref="NominationEvent"/>) and the listings,
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
        await ReportAsync(official, year, ct);

    /// <summary>One table of a year's report (the Excel export), by its key (<see cref="DashboardTables"/>); an unknown key is not found.</summary>
    public async Task<DomainResult<(DashboardReport Report, DashboardTable Table)>> TableAsync(Official official, int year, string key, CancellationToken ct = default)
    {
        var report = await ReportAsync(official, year, ct);
        return DashboardTables.Find(report, key) is { } table ? (report, table) : new DomainError(DomainErrorKind.NotFound, $"没有名为「{key}」的统计表。");
    }

    /// <summary>
    /// The report, computed in the database: counts by GROUP BY over the year's nominations in scope (joined, never a list
    /// of ids), and the durations from one ordered stream of the history, of which only the stay lengths are kept.
    /// </summary>
    private async Task<DashboardReport> ReportAsync(Official official, int year, CancellationToken ct)
    {
        var nominations = db.Nominations.VisibleTo(official).AsNoTracking().Where(n => n.Year == year);
        var history = from e in db.NominationEvents.AsNoTracking()
                      join n in nominations on e.NominationId equals n.Id
                      select e;

        var reached = (await history.Where(e => e.Stage != null)
                .GroupBy(e => e.Stage!)
                .Select(g => new { Stage = g.Key, Count = g.Select(e => e.NominationId).Distinct().Count() })
                .ToListAsync(ct))
            .ToDictionary(r => r.Stage, r => r.Count, StringComparer.Ordinal);
        var submitted = await nominations.CountAsync(n => n.SubmittedAt != null
            || db.NominationEvents.Any(e => e.NominationId == n.Id && e.Stage == SubmittedStage), ct);
        var listed = await nominations.CountAsync(n => n.Status == NominationStatus.Listed, ct);
        var units = HuangshanUnits.Districts.VisibleTo(official, u => u.Code).ToList();
        var (stages, stageDistricts) = await StagesNowAsync(official, nominations, year, units, ct);
        var funnel = FunnelStages.Select(stage =>
        {
            var load = stages.FirstOrDefault(l => l.Stage == stage);
            return new FunnelStep(stage, stage switch
            {
                Submitted => submitted,
                Listed => listed,
                _ => reached.GetValueOrDefault(stage),
            }, stage == Listed ? listed : load?.Now ?? 0, load?.Waiting ?? 0, load?.Overdue ?? 0);
        }).ToList();

        var counts = (await nominations.GroupBy(n => new { n.DistrictCode, n.Type })
                .Select(g => new { g.Key.DistrictCode, g.Key.Type, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => (c.DistrictCode, c.Type), c => c.Count);
        var districts = units.Select(u => new DistrictTypeRow(u.Code, u.Name,
            Enum.GetValues<NominationType>().ToDictionary(t => t, t => counts.GetValueOrDefault((u.Code, t))))).ToList();

        var durations = (await StayDaysAsync(history, ct))
            .Select(g => new StageDuration(g.Key, Median(g.Value), g.Value.Count))
            .OrderBy(d => Array.IndexOf(ProcessOrder, d.Stage) is var i and >= 0 ? i : ProcessOrder.Length)
            .ThenBy(d => d.Stage, StringComparer.Ordinal)
            .ToList();

        return new DashboardReport(year, official.IsCityWide ? HuangshanUnits.NameOf(HuangshanUnits.CityCode) : HuangshanUnits.NameOf(official.Jurisdiction ?? ""),
            funnel, districts, await TargetAsync(official, year, ct), durations, stages, stageDistricts);
    }

    /// <summary>
    /// The review steps now, in SQL: the year's nominations in scope at each step (GROUP BY stage and district), and the open
    /// review tasks of the year in scope (GROUP BY stage, district and role: count, overdue, oldest); the median wait of a
    /// step is read as the middle row(s) of its open tasks ordered by creation — one or two rows a step, never every task.
    /// </summary>
    private async Task<(IReadOnlyList<StageLoad>, IReadOnlyList<DistrictStageRow>)> StagesNowAsync(Official official, IQueryable<Nomination> nominations,
        int year, IReadOnlyList<AdministrativeUnit> units, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var steps = StageNames.NominationTasks.ToList();
        var at = await nominations.Where(n => (n.Status == NominationStatus.InProgress || n.Status == NominationStatus.Returned) && steps.Contains(n.Stage))
            .GroupBy(n => new { n.Stage, n.DistrictCode })
            .Select(g => new { g.Key.Stage, g.Key.DistrictCode, Count = g.Count() }).ToListAsync(ct);
        var open = db.ReviewTasks.AsNoTracking().VisibleTo(official)
            .Where(t => t.Status == ReviewTaskStatus.Open && t.Year == year && steps.Contains(t.Stage));
        var waiting = await open.GroupBy(t => new { t.Stage, t.DistrictCode, t.AssigneeRole })
            .Select(g => new
            {
                g.Key.Stage, g.Key.DistrictCode, g.Key.AssigneeRole, Count = g.Count(),
                Overdue = g.Count(t => t.DueAt != null && t.DueAt < now), Oldest = g.Min(t => t.CreatedAt),
            }).ToListAsync(ct);

        var stages = new List<StageLoad>();
        foreach (var stage in steps)
        {
            var tasks = waiting.Where(w => w.Stage == stage).ToList();
            var count = tasks.Sum(w => w.Count);
            double? median = null, longest = null;
            if (count > 0)
            {
                var middle = await open.Where(t => t.Stage == stage).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
                    .Skip((count - 1) / 2).Take(count % 2 == 1 ? 1 : 2).Select(t => t.CreatedAt).ToListAsync(ct);
                median = middle.Average(c => (now - c).TotalDays);
                longest = (now - tasks.Min(w => w.Oldest)).TotalDays;
            }
            stages.Add(new StageLoad(stage, at.Where(a => a.Stage == stage).Sum(a => a.Count), count, tasks.Sum(w => w.Overdue), median, longest,
                tasks.Select(w => w.AssigneeRole).Distinct().Order(StringComparer.Ordinal).ToList()));
        }
        var districts = units.Select(u => new DistrictStageRow(u.Code, u.Name, steps.ToDictionary(stage => stage, stage => new StageCount(
            at.Where(a => a.Stage == stage && a.DistrictCode == u.Code).Sum(a => a.Count),
            waiting.Where(w => w.Stage == stage && w.DistrictCode == u.Code).Sum(w => w.Count),
            waiting.Where(w => w.Stage == stage && w.DistrictCode == u.Code).Sum(w => w.Overdue))))).ToList();
        return (stages, districts);
    }

    /// <summary>
    /// The lengths of the finished stays (<see cref="Stays"/>) per stage, read from the history as one stream ordered by
    /// nomination and time: one nomination's events are held at a time.
    /// </summary>
    private static async Task<Dictionary<string, List<double>>> StayDaysAsync(IQueryable<NominationEvent> history, CancellationToken ct)
    {
        var days = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var current = new List<(DateTimeOffset At, string Stage)>();
        string? nominationId = null;
        void Flush()
        {
            foreach (var (stage, length) in Stays(current))
            {
                if (!days.TryGetValue(stage, out var list)) days[stage] = list = [];
                list.Add(length);
            }
            current.Clear();
        }
        var rows = history.OrderBy(e => e.NominationId).ThenBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.NominationId, e.At, e.Stage }).AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(ct))
        {
            if (e.NominationId != nominationId) Flush();
            nominationId = e.NominationId;
            current.Add((e.At, e.Stage ?? ""));
        }
        Flush();
        return days;
    }

    /// <summary>
    /// 年度目标: distinct green factories whose provincial or national listing was granted in the year (列入名单日期 in the year)
    /// and has not been revoked, in the official's scope.
    /// </summary>
    private async Task<TargetProgress> TargetAsync(Official official, int year, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var listings = db.Listings.AsNoTracking().VisibleTo(official).Where(l => l.Type == NominationType.GreenFactory && (l.Tier == Tier.Province || l.Tier == Tier.National)
            && l.Status == ListingStatus.Active && l.ListedOn >= from && l.ListedOn <= to);
        var factories = (await listings.ToListAsync(ct))
            .GroupBy(l => l.EnterpriseId ?? l.ApplicantName)
            .Select(g => g.OrderByDescending(l => l.Tier).First())
            .OrderBy(l => l.ListedOn).ThenBy(l => l.ApplicantName, StringComparer.Ordinal)
            .Select(l => new RecognisedFactory(l.ApplicantName, HuangshanUnits.NameOf(l.DistrictCode), l.Tier, l.ListedOn))
            .ToList();
        return new TargetProgress(options.Value.AnnualGreenFactoryTarget, factories);
    }

    /// <summary>
    /// The finished stays in a history: a stay starts with the first of consecutive events of one stage and ends when an
    /// event of another stage follows. Drafting (草稿) is the district's own time, not the process's, and is left out.
    /// </summary>
    internal static IEnumerable<(string Stage, double Days)> Stays(IReadOnlyList<(DateTimeOffset At, string Stage)> history)
    {
        var start = 0;
        for (var i = 1; i <= history.Count; i++)
        {
            if (i < history.Count && history[i].Stage == history[start].Stage) continue;
            if (i < history.Count && history[start].Stage is { Length: > 0 } stage && stage != StageNames.Draft)
                yield return (stage, (history[i].At - history[start].At).TotalDays);
            start = i;
        }
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
