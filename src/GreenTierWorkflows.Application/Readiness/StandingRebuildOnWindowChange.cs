using System.Runtime.CompilerServices;
using GreenTierWorkflows.Domain.Windows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// A declaration window's dates are part of the stored standings' generation (<see cref="ReadinessService.StandingGenerationAsync"/>):
/// when a save adds, removes or moves a window, every stored standing is old at once and the next standing filter would wait
/// for the whole ladder to be assessed again (6.5 s at 100,000 members). So once such a save has succeeded, this starts the
/// rebuild at once on the thread pool, in its own scope, while the official who edited the window carries on; a reader who
/// comes before it has finished waits only for the rest of it. Saves that come meanwhile are folded into one more rebuild.
/// </summary>
public sealed class StandingRebuildOnWindowChange(IServiceScopeFactory scopes, ILogger<StandingRebuildOnWindowChange> logger) : SaveChangesInterceptor
{
    /// <summary>The contexts whose save in progress moves a window.</summary>
    private readonly ConditionalWeakTable<DbContext, object> moving = new();
    private int running;
    private int requested;

    /// <summary>Whether a rebuild is running or asked for (tests wait on it).</summary>
    internal bool Busy => Volatile.Read(ref running) == 1 || Volatile.Read(ref requested) == 1;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) moving.Remove(db);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    /// <summary>Whether a tracked change adds, removes or moves a window (its opening, its closing or the districts' deadline: the submission end is the earlier of the two).</summary>
    private void Note(DbContext? db)
    {
        if (db is null) return;
        // Entries() detects the changes first (as the context is configured to).
        var moves = db.ChangeTracker.Entries<DeclarationWindow>().Any(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && (e.Property(w => w.OpensAt).IsModified || e.Property(w => w.ClosesAt).IsModified
                || e.Property(w => w.DistrictDeadline).IsModified)));
        if (moves) moving.AddOrUpdate(db, this);
        else moving.Remove(db);
    }

    private void Saved(DbContext? db)
    {
        if (db is null || !moving.Remove(db)) return;
        Volatile.Write(ref requested, 1);
        if (Interlocked.CompareExchange(ref running, 1, 0) == 0) _ = Task.Run(RebuildAsync);
    }

    private async Task RebuildAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref requested, 0) == 1)
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var generation = await scope.ServiceProvider.GetRequiredService<ReadinessService>().RefreshStandingsAsync();
                    logger.LogInformation("培育梯度 standings rebuilt after a declaration window changed: generation {Generation}", generation);
                }
                catch (Exception e)
                {
                    // The next standing filter builds them instead (and the nightly job): nothing is lost.
                    logger.LogWarning(e, "培育梯度 standings could not be rebuilt after a declaration window changed; the next reader will");
                }
            }
            Volatile.Write(ref running, 0);
            // A save that asked after the last check and found this running would otherwise be left waiting for a reader.
            if (Volatile.Read(ref requested) == 0 || Interlocked.CompareExchange(ref running, 1, 0) != 0) return;
        }
    }
}
