namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>
/// What the nightly job runs: 培育梯度's stored standings made current for the new China day (the application's readiness
/// service), so the first filtered page of the morning does not assess the whole city. Returns the generation written.
/// </summary>
public interface IReadinessStandingRefresh
{
    Task<string> RefreshStandingsAsync(CancellationToken ct = default);
}
