namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>Settings of section <c>Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The city's yearly target of recognised green factories (provincial or national lists); the brief says at least 2.</summary>
    public int AnnualGreenFactoryTarget { get; set; } = 2;
}
