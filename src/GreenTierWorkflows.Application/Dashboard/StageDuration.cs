namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>The median time nominations spent in a stage, over every finished stay (a return for revision makes a second stay).</summary>
public sealed record StageDuration(string Stage, double MedianDays, int Stays);
