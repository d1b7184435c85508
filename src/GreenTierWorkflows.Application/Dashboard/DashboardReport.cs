namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>A year's figures in one official's scope (district officials: their unit; everyone else: the city).</summary>
public sealed record DashboardReport(
    int Year,
    string ScopeName,
    IReadOnlyList<FunnelStep> Funnel,
    IReadOnlyList<DistrictTypeRow> Districts,
    TargetProgress Target,
    IReadOnlyList<StageDuration> Durations);
