namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// The deadline loop of <see cref="DeadlineMonitorService"/> (section <c>Nominations</c>), which stands in for Hangfire's
/// deadline job when <see cref="SchedulingOptions.Provider"/> is <c>InProcess</c>.
/// </summary>
public sealed class DeadlineCheckOptions
{
    public const string Section = "Nominations";
    /// <summary>Seconds between checks (default 60; 0 turns the loop off).</summary>
    public int DeadlineCheckSeconds { get; set; } = 60;
}
