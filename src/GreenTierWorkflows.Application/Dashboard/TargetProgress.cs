namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// Recognised green factories of the year against the city's target: how many (<see cref="Achieved"/>, counted in the database)
/// and the factories themselves — all of them, or the page the dashboard shows (<see cref="DashboardService.PartAsync"/>), the
/// <paramref name="Skip"/> before it left out.
/// </summary>
public sealed record TargetProgress(int Target, int Achieved, IReadOnlyList<RecognisedFactory> Factories, int Skip = 0)
{
    public bool Met => Achieved >= Target;
}
