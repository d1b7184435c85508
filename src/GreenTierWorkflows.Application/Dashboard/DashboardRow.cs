namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>A row: a key (stage, unit code …) and one cell per column.</summary>
public sealed record DashboardRow(string Key, IReadOnlyList<object> Cells);
