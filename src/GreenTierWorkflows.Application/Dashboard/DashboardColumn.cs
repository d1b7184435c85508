namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>A column: a key (for test ids and lookups) and its Chinese header (also the Excel header).</summary>
public sealed record DashboardColumn(string Key, string Header);
