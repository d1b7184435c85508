namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>One table of the dashboard, as the page shows it and the Excel export writes it.</summary>
public sealed record DashboardTable(string Key, string Title, IReadOnlyList<DashboardColumn> Columns, IReadOnlyList<DashboardRow> Rows);
