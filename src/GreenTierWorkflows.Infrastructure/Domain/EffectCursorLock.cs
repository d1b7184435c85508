using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Storage;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// Where the effect applier's transaction begins (<see cref="EffectCursor"/>). On PostgreSQL, where several nodes apply the
/// one outbox, it begins before the cursor is read and takes a transaction-scoped advisory lock first: a node finding
/// another mid-batch waits for that batch's commit and then reads the cursor it stored, instead of applying the same batch
/// and losing the cursor's concurrency check at the end. Measured with two nodes deciding at once (load harness
/// <c>--nodes 2</c>), the lost batches had cost 2.5× the CPU per decision of one node. SQLite serves one node per file (its
/// transactions begin IMMEDIATE, holding the write lock): there the transaction begins once the batch is read, as before.
/// </summary>
public static class EffectCursorLock
{

    /// <summary>
    /// On PostgreSQL: a transaction begun on <paramref name="db"/> holding the applier's lock (released at its commit or
    /// rollback); the cursor is read after this. Elsewhere null: the caller begins its transaction once it has read its batch.
    /// A wait longer than the command timeout fails the drain, which is then retried (a batch takes milliseconds).
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginAsync(GreenTierDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return null;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKeys.EffectApplier})", ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
