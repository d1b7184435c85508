namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Settings of section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";
    /// <summary><c>Hangfire</c> (default) or <c>InProcess</c> (timers on <see cref="TimeProvider"/>, for tests driven by a fake clock).</summary>
    public string Provider { get; set; } = "Hangfire";
    /// <summary><c>InMemory</c> (embedded default) or <c>PostgreSql</c> (scale-out; connection string <c>ConnectionStrings:Hangfire</c>).</summary>
    public string Storage { get; set; } = "InMemory";
    /// <summary>Cron of the notice delivery job (6 fields: seconds first).</summary>
    public string NoticeDeliveryCron { get; set; } = "*/10 * * * * *";
    public string DeadlineCheckCron { get; set; } = "* * * * *";
    /// <summary>Cron of the readiness notices (certificate reminders, monthly gap digest): daily, 01:00 UTC = 09:00 in Huangshan; the work is the whole city's ladder, so not every minute.</summary>
    public string ReadinessNoticeCron { get; set; } = "0 1 * * *";
    /// <summary>Cron of 培育梯度's standings for the new day: daily, 16:05 UTC = 00:05 in Huangshan, just after the China day turns (the whole city's ladder is assessed).</summary>
    public string ReadinessStandingCron { get; set; } = "5 16 * * *";
    /// <summary>Whether the standings are also made current once after start-up (a night's run missed while the app was down is not made up by in-memory storage).</summary>
    public bool ReadinessStandingsOnStart { get; set; } = true;
    /// <summary>Cron of folding the dashboard's count changes (every minute: each run reads only the rows saved since the last).</summary>
    public string DashboardCountCron { get; set; } = "* * * * *";
    public int WorkerCount { get; set; } = 2;

    public bool UsesHangfire => string.Equals(Provider, "Hangfire", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with the settings (checked on start), in Chinese; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!UsesHangfire && !string.Equals(Provider, "InProcess", StringComparison.OrdinalIgnoreCase))
            problems.Add($"Scheduling:Provider「{Provider}」不正确，应为 Hangfire 或 InProcess。");
        if (!string.Equals(Storage, "InMemory", StringComparison.OrdinalIgnoreCase) && !string.Equals(Storage, "PostgreSql", StringComparison.OrdinalIgnoreCase))
            problems.Add($"Scheduling:Storage「{Storage}」不正确，应为 InMemory 或 PostgreSql。");
        if (WorkerCount is < 1 or > 64) problems.Add($"Scheduling:WorkerCount 应在 1 到 64 之间（当前 {WorkerCount}）。");
        if (string.IsNullOrWhiteSpace(NoticeDeliveryCron)) problems.Add("请填写 Scheduling:NoticeDeliveryCron。");
        if (string.IsNullOrWhiteSpace(DeadlineCheckCron)) problems.Add("请填写 Scheduling:DeadlineCheckCron。");
        if (string.IsNullOrWhiteSpace(ReadinessNoticeCron)) problems.Add("请填写 Scheduling:ReadinessNoticeCron。");
        if (string.IsNullOrWhiteSpace(ReadinessStandingCron)) problems.Add("请填写 Scheduling:ReadinessStandingCron。");
        if (string.IsNullOrWhiteSpace(DashboardCountCron)) problems.Add("请填写 Scheduling:DashboardCountCron。");
        return problems;
    }
}
