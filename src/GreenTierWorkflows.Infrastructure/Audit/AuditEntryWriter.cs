using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Infrastructure.Audit;

/// <summary>
/// Stores audit entries, the entries of callers that arrive together in one transaction (a group commit). Each caller
/// returns once its own entry is committed, as before; but with 16 officials deciding at once the audit no longer asks the
/// database for 16 write transactions (on SQLite: 16 turns of its single writer lock, each synced to disk). The first
/// caller to take the writer stores everything queued so far; a caller whose entry was stored meanwhile just returns.
/// If a batch fails, its entries are stored one by one, so an entry that cannot be stored fails alone.
/// </summary>
public sealed class AuditEntryWriter(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _queueLock = new();
    private List<Queued> _queue = [];

    /// <summary>Stores <paramref name="entry"/>; completes once it is committed, or throws what refused it.</summary>
    public async Task WriteAsync(AuditEntry entry)
    {
        var mine = new Queued(entry);
        lock (_queueLock) _queue.Add(mine);
        await _writer.WaitAsync();
        try
        {
            if (!mine.Stored.Task.IsCompleted) await StoreQueuedAsync();
        }
        finally
        {
            _writer.Release();
        }
        await mine.Stored.Task;
    }

    private async Task StoreQueuedAsync()
    {
        List<Queued> batch;
        lock (_queueLock) (batch, _queue) = (_queue, []);
        try
        {
            await SaveAsync(batch);
            foreach (var queued in batch) queued.Stored.TrySetResult();
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var queued in batch)
            {
                try
                {
                    await SaveAsync([queued]);
                    queued.Stored.TrySetResult();
                }
                catch (Exception e)
                {
                    queued.Stored.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Stored.TrySetException(e);
        }
    }

    private async Task SaveAsync(IReadOnlyList<Queued> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        db.AuditEntries.AddRange(batch.Select(q => q.Entry));
        // No caller's token: what happened must be recorded even if the request that caused it was aborted.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed record Queued(AuditEntry Entry)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
