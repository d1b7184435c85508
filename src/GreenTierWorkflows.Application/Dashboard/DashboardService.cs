using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Stages;
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
public sealed class DashboardService(GreenTierDbContext db, IOptions<DashboardOptions> options)
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

    private async Task<DashboardReport> ReportAsync(Official official, int year, CancellationToken ct)
    {
        var visible = await db.Nominations.VisibleTo(official).AsNoTracking().Where(n => n.Year == year)
            .Select(n => new { n.Id, n.Type, n.DistrictCode, n.Status, n.SubmittedAt }).ToListAsync(ct);
        var ids = visible.Select(n => n.Id).ToList();
        var events = (await db.NominationEvents.AsNoTracking().Where(e => ids.Contains(e.NominationId))
                .Select(e => new { e.Id, e.NominationId, e.At, e.Stage }).ToListAsync(ct))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .GroupBy(e => e.NominationId)
            .ToDictionary(g => g.Key, g => g.Select(e => (e.At, Stage: e.Stage ?? "")).ToList());
        List<(DateTimeOffset At, string Stage)> HistoryOf(string id) => events.TryGetValue(id, out var h) ? h : [];

        var funnel = FunnelStages.Select(stage => new FunnelStep(stage, visible.Count(n => stage switch
        {
            Submitted => n.SubmittedAt is not null || HistoryOf(n.Id).Any(e => e.Stage == SubmittedStage),
            Listed => n.Status == NominationStatus.Listed,
            _ => HistoryOf(n.Id).Any(e => e.Stage == stage),
        }))).ToList();

        var units = HuangshanUnits.Districts.VisibleTo(official, u => u.Code);
        var districts = units.Select(u => new DistrictTypeRow(u.Code, u.Name,
            Enum.GetValues<NominationType>().ToDictionary(t => t, t => visible.Count(n => n.DistrictCode == u.Code && n.Type == t)))).ToList();

        var durations = ids.SelectMany(id => Stays(HistoryOf(id)))
            .GroupBy(s => s.Stage)
            .Select(g => new StageDuration(g.Key, Median(g.Select(s => s.Days).ToList()), g.Count()))
            .OrderBy(d => Array.IndexOf(ProcessOrder, d.Stage) is var i and >= 0 ? i : ProcessOrder.Length)
            .ThenBy(d => d.Stage, StringComparer.Ordinal)
            .ToList();

        return new DashboardReport(year, official.IsCityWide ? HuangshanUnits.NameOf(HuangshanUnits.CityCode) : HuangshanUnits.NameOf(official.Jurisdiction ?? ""),
            funnel, districts, await TargetAsync(official, year, ct), durations);
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
