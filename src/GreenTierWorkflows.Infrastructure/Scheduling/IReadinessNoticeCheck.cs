namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>
/// What the recurring job runs: the readiness notices to districts (the application's readiness notice monitor) — a
/// reminder per pool member's certificate lapsing before the next window, and the monthly digest of the pool's gaps.
/// Queues each notice once; returns how many were queued.
/// </summary>
public interface IReadinessNoticeCheck
{
    Task<int> CheckAsync(CancellationToken ct = default);
}
