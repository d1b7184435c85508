namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>One stage's totals in the stays projection: nominations that reached it, and stays in it that have ended.</summary>
public sealed record StageTotal(string Stage, int Reached, int Ended);
