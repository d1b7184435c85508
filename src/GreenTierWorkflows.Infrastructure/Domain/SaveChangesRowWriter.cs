using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// An interceptor that adds rows of its own (<typeparamref name="TRow"/>, inserts only) to every save of the bureau's
/// context, derived from what that save changes, so they commit or fail with it. A save that failed leaves its rows added but
/// not inserted: the next save of the same context detaches them and derives its rows afresh, so nothing is counted twice.
/// </summary>
public abstract class SaveChangesRowWriter<TRow> : SaveChangesInterceptor where TRow : class
{
    /// <summary>The rows this writer added to a context's save, until the next save of that context.</summary>
    private readonly ConditionalWeakTable<DbContext, List<TRow>> added = new();

    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is GreenTierDbContext db) Write(db);
        return result;
    }

    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is GreenTierDbContext db) Write(db);
        return ValueTask.FromResult(result);
    }

    /// <summary>The rows for the changes tracked now (changes already detected).</summary>
    protected abstract IEnumerable<TRow> RowsFor(GreenTierDbContext db);

    private void Write(GreenTierDbContext db)
    {
        if (added.TryGetValue(db, out var earlier))
            foreach (var row in earlier)
                if (db.Entry(row).State == EntityState.Added) db.Entry(row).State = EntityState.Detached;
        var rows = new List<TRow>();
        added.AddOrUpdate(db, rows);
        if (db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        foreach (var row in RowsFor(db).ToList())
        {
            db.Add(row);
            rows.Add(row);
        }
    }
}
