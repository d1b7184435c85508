namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// A year's figures in one official's scope (district officials: their unit; everyone else: the city): the funnel, the
/// review steps now (<see cref="Stages"/>, per district in <see cref="StageDistricts"/>), and the bottlenecks among them.
/// </summary>
public sealed record DashboardReport(
    int Year,
    string ScopeName,
    IReadOnlyList<FunnelStep> Funnel,
    IReadOnlyList<DistrictTypeRow> Districts,
    TargetProgress Target,
    IReadOnlyList<StageDuration> Durations,
    IReadOnlyList<StageLoad> Stages,
    IReadOnlyList<DistrictStageRow> StageDistricts)
{
    /// <summary>The steps where tasks wait now, longest wait first (then most overdue, then the median wait).</summary>
    public IReadOnlyList<StageLoad> Bottlenecks => Stages.Where(s => s.Waiting > 0)
        .OrderByDescending(s => s.MaxWaitDays).ThenByDescending(s => s.Overdue).ThenByDescending(s => s.MedianWaitDays).ToList();
}
