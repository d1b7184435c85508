namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>
/// What the recurring job runs: the overdue reminders of review tasks and escalations (the application's task deadline monitor). Queues each notice once; returns how many were queued.
/// </summary>
public interface ITaskDeadlineCheck
{
    Task<int> CheckAsync(CancellationToken ct = default);
}
