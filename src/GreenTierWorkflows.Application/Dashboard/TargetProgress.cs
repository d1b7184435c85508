namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>Recognised green factories of the year against the city's target.</summary>
public sealed record TargetProgress(int Target, IReadOnlyList<RecognisedFactory> Factories)
{
    public int Achieved => Factories.Count;
    public bool Met => Achieved >= Target;
}
