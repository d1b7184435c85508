using System.Globalization;
using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Stages;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// The plan toward the city's target (<see cref="DashboardOptions.AnnualGreenFactoryTarget"/>): the green factories ready
/// for the provincial round now, the pass rate of each step measured in the app's own history of the three previous
/// rounds (the dashboard's funnel and stage durations; an official may adjust each rate), the expected number reaching the
/// provincial list, the members whose gaps would change it, and a warning while the window is still ahead.
/// </summary>
public sealed class ReadinessPlanner(ReadinessService readiness, DashboardService dashboard, IOptions<DashboardOptions> options, TimeProvider clock)
{
    /// <summary>The rate assumed for a step without history.</summary>
    public const double DefaultRate = 0.7;
    public const int HistoryRounds = 3;

    /// <summary>The steps from a district's submission to the provincial list, as the dashboard's funnel names them.</summary>
    public static readonly IReadOnlyList<string> Steps =
        [DashboardService.Submitted, StageNames.CityReview, StageNames.OnSiteVerification, StageNames.CityRecommendation, StageNames.ProvincialReview];

    /// <summary>The plan; <paramref name="rates"/> replaces the rate of the steps it names (0–1).</summary>
    public async Task<DomainResult<ReadinessPlan>> PlanAsync(Official official, IReadOnlyDictionary<string, double>? rates = null, CancellationToken ct = default)
    {
        foreach (var (stage, rate) in rates ?? new Dictionary<string, double>())
        {
            if (!Steps.Contains(stage)) return DomainError.Invalid($"rates[{stage}]", $"「{stage}」不是测算的环节（可选：{string.Join("、", Steps)}）。");
            if (rate is < 0 or > 1 || double.IsNaN(rate)) return DomainError.Invalid($"rates[{stage}]", $"「{stage}」的通过率应在 0% 到 100% 之间。");
        }
        // The green factories of the scope ready for the provincial round, and those with gaps, selected by their stored
        // standings and read a batch at a time below (the listed and the not eligible are not assessed at all).
        var ready = await readiness.BatchesAsync(official, new ReadinessQuery(Type: NominationType.GreenFactory, Tier: Tier.Province, Standing: TierStanding.Ready), ct);
        if (ready.Error is { } refused) return refused;
        var withGaps = (await readiness.BatchesAsync(official, new ReadinessQuery(Type: NominationType.GreenFactory, Tier: Tier.Province, Standing: TierStanding.Gaps), ct)).Value!;
        var round = ready.Value!.RoundYear;

        // History: the dashboard's funnel and durations of the previous rounds, summed.
        var funnel = Steps.Append(DashboardService.Listed).ToDictionary(s => s, _ => 0);
        var stays = new Dictionary<string, List<(double Median, int Stays)>>();
        var years = Enumerable.Range(round - HistoryRounds, HistoryRounds).ToList();
        foreach (var year in years)
        {
            var report = await dashboard.BuildAsync(official, year, ct);
            if (report.Error is { } noReport) return noReport;
            foreach (var step in report.Value!.Funnel.Where(f => funnel.ContainsKey(f.Stage))) funnel[step.Stage] += step.Count;
            foreach (var d in report.Value.Durations)
            {
                if (!stays.TryGetValue(d.Stage, out var list)) stays[d.Stage] = list = [];
                list.Add((d.MedianDays, d.Stays));
            }
        }

        var stages = new List<PlanStage>();
        for (var i = 0; i < Steps.Count; i++)
        {
            var (stage, next) = (Steps[i], i + 1 < Steps.Count ? Steps[i + 1] : DashboardService.Listed);
            var (reached, passed) = (funnel[stage], Math.Min(funnel[next], funnel[stage]));
            // A step is measured only where some nomination of the history went on to the next one: when none did, the
            // records say nothing about its pass rate (still in progress, or kept from before the app), so a default applies.
            double? historic = reached > 0 && funnel[next] > 0 ? (double)passed / reached : null;
            var (rate, source) = rates?.TryGetValue(stage, out var adjusted) == true ? (adjusted, "已调整")
                : historic is { } h ? (h, $"历史 {passed}/{reached}") : (DefaultRate, "无历史数据，默认假设");
            double? median = stays.TryGetValue(stage == DashboardService.Submitted ? StageNames.DistrictReview : stage, out var s) && s.Sum(x => x.Stays) > 0
                ? s.Sum(x => x.Median * x.Stays) / s.Sum(x => x.Stays) : null;
            stages.Add(new PlanStage(stage, reached, passed, historic, rate, source, median));
        }
        var passRate = stages.Aggregate(1.0, (p, s) => p * s.Rate);
        double? totalDays = stages.Any(s => s.MedianDays is not null) ? stages.Sum(s => s.MedianDays ?? 0) : null;

        var readyNames = new List<string>();
        await foreach (var batch in ready.Value.Rows.WithCancellation(ct))
            readyNames.AddRange(batch.Select(r => r.MemberName));
        var candidates = new List<PlanCandidate>();
        await foreach (var batch in withGaps.Rows.WithCancellation(ct))
            candidates.AddRange(batch.Select(r => new PlanCandidate(r.MemberId, r.MemberName, r.DistrictName, r.Cell(Tier.Province)!.Gaps, passRate)));
        candidates = [.. candidates.OrderBy(c => c.Gaps.Count).ThenBy(c => c.MemberName, StringComparer.Ordinal)];
        var expected = readyNames.Count * passRate;
        var ifClosed = (readyNames.Count + candidates.Count) * passRate;

        var window = (await readiness.WindowsAsync(round, NominationType.GreenFactory, ct)).GetValueOrDefault(Tier.Province);
        var ends = window is null ? (DateOnly?)null : ChinaTime.DayOf(window.SubmissionEndsAt);
        var daysLeft = ends is { } e ? Math.Max(0, e.DayNumber - ChinaTime.Today(clock).DayNumber) : 0;
        var target = options.Value.AnnualGreenFactoryTarget;
        string? warning = null;
        if (expected < target && daysLeft > 0)
            warning = $"按当前可申报 {readyNames.Count} 家、综合通过率 {Percent(passRate)} 测算，{round} 年度预计 {Number(expected)} 家进入省级名单，低于年度目标 {target} 家。"
                + $"距省级申报截止（{ends:yyyy-MM-dd}）还有 {daysLeft} 天："
                + (ifClosed >= target
                    ? $"补齐下列 {candidates.Count} 家的差距后预计可达 {Number(ifClosed)} 家。"
                    : $"即使补齐全部 {candidates.Count} 家的差距也仅约 {Number(ifClosed)} 家，请扩大培育库或提前组织市级申报。");
        return new ReadinessPlan(round, target, ends, daysLeft, [.. years.Select(y => y.ToString(CultureInfo.InvariantCulture))], stages, passRate, totalDays,
            readyNames, expected, candidates, ifClosed, warning);
    }

    public static string Percent(double rate) => rate.ToString("0%", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
