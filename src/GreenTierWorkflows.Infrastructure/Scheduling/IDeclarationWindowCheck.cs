namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>
/// What the recurring job runs: the declaration round's window-opened notices and deadline reminders (the application's window monitor). Queues each notice once; returns how many were queued.
/// </summary>
public interface IDeclarationWindowCheck
{
    Task<int> CheckAsync(CancellationToken ct = default);
}
