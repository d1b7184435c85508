namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// One stage of the year's funnel: how many nominations ever reached it (<see cref="Count"/>), how many are at it now, and
/// how many of its review tasks wait now and are overdue.
/// </summary>
public sealed record FunnelStep(string Stage, int Count, int Now = 0, int Waiting = 0, int Overdue = 0);
