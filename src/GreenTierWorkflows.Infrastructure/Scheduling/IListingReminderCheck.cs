namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>
/// What the recurring job runs: the listings' 动态管理表 and 复审 reminders (the application's listing reminder monitor). Queues each notice once; returns how many were queued.
/// </summary>
public interface IListingReminderCheck
{
    Task<int> CheckAsync(CancellationToken ct = default);
}
