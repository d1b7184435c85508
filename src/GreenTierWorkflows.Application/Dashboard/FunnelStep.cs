namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>How many of the year's nominations reached a stage.</summary>
public sealed record FunnelStep(string Stage, int Count);
