using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// Keeps <see cref="NominationStageStay"/> in step with the history, in the SaveChanges that changes it (one transaction).
/// In the everyday save — a decision or an effect adds history lines after the stored ones — the nomination's stays are
/// extended from the new lines alone (<see cref="StageStays.Append"/>: the open stay ends, new stays start). When lines are
/// changed or removed, a new line is dated before a stored one, or a nomination's year, unit or type changes, that
/// nomination's stays are recomputed from its whole history (<see cref="StageStays.Of"/>, a few lines) and only the rows that
/// differ are written. Every use case that writes history — decisions, effects, submissions, revocations — needs to do
/// nothing more. Each nomination has rows of its own, so concurrent decisions on different nominations share no row.
/// The tracker is scanned for changes once per save: here, after which the save itself does not scan again (the rows
/// changed here are marked as they are changed) until it has ended.
/// </summary>
public sealed class StageStayProjector : SaveChangesInterceptor
{
    private static readonly string[] CopiedFields = [nameof(Nomination.Year), nameof(Nomination.DistrictCode), nameof(Nomination.Type)];
    /// <summary>Contexts whose automatic change detection is off for the save under way (turned back on when it ends).</summary>
    private static readonly ConditionalWeakTable<DbContext, object> Paused = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is GreenTierDbContext db) ProjectAsync(db, sync: true, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is GreenTierDbContext db) await ProjectAsync(db, sync: false, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Resume(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Resume(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Resume(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Resume(DbContext? context)
    {
        if (context is not null && Paused.Remove(context)) context.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private static async ValueTask ProjectAsync(GreenTierDbContext db, bool sync, CancellationToken ct)
    {
        var tracker = db.ChangeTracker;
        // A save that failed in a later interceptor, before it began, did not end: its context is still paused and is scanned here too.
        if (tracker.AutoDetectChangesEnabled || Paused.TryGetValue(db, out _))
        {
            // The one scan of this save; SaveChanges would scan again right after the interceptors.
            tracker.DetectChanges();
            tracker.AutoDetectChangesEnabled = false;
            Paused.AddOrUpdate(db, Paused);
        }
        try
        {
            await ProjectDetectedAsync(db, sync, ct);
        }
        catch
        {
            Resume(db);
            throw;
        }
    }

    private static async ValueTask ProjectDetectedAsync(GreenTierDbContext db, bool sync, CancellationToken ct)
    {
        var entries = db.ChangeTracker.Entries().ToList();
        var events = entries.Where(e => e.Entity is NominationEvent).Select(e => db.Entry((NominationEvent)e.Entity)).ToList();
        var lines = events
            .Where(e => e.State == EntityState.Added || e.State == EntityState.Deleted
                || (e.State == EntityState.Modified && (e.Property(x => x.At).IsModified || e.Property(x => x.Stage).IsModified)))
            .ToList();
        var nominationEntries = entries.Where(e => e.Entity is Nomination).Select(e => db.Entry((Nomination)e.Entity)).ToList();
        var moved = nominationEntries
            .Where(e => e.State == EntityState.Deleted || (e.State == EntityState.Modified && CopiedFields.Any(f => e.Property(f).IsModified)))
            .Select(e => e.Entity.Id).ToList();
        var ids = lines.Select(e => e.Entity.NominationId).Concat(moved).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;

        var added = events.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        // Appended: only new lines, none dated before a stored line of the nomination (a stored line at the same instant
        // comes first either way: it was written first).
        var rewritten = lines.Where(e => e.State != EntityState.Added).Select(e => e.Entity.NominationId).Concat(moved).ToHashSet(StringComparer.Ordinal);
        var appended = ids.Where(id => !rewritten.Contains(id)).ToList();
        if (appended.Count > 0)
        {
            var earliest = added.Where(a => appended.Contains(a.NominationId, StringComparer.Ordinal)).Min(a => a.At);
            var later = db.NominationEvents.AsNoTracking().Where(e => appended.Contains(e.NominationId) && e.At > earliest).Select(e => e.NominationId).Distinct();
            foreach (var id in sync ? later.ToList() : await later.ToListAsync(ct)) rewritten.Add(id);
            appended.RemoveAll(rewritten.Contains);
        }

        var nominations = nominationEntries.Where(e => ids.Contains(e.Entity.Id, StringComparer.Ordinal))
            .ToDictionary(e => e.Entity.Id, e => e.State == EntityState.Deleted ? null : e.Entity, StringComparer.Ordinal);
        var missing = ids.Where(id => !nominations.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var read = db.Nominations.AsNoTracking().Where(n => missing.Contains(n.Id))
                .Select(n => new Nomination { Id = n.Id, Year = n.Year, DistrictCode = n.DistrictCode, Type = n.Type });
            foreach (var n in sync ? read.ToList() : await read.ToListAsync(ct)) nominations[n.Id] = n;
        }
        var rows = db.NominationStageStays.Where(s => ids.Contains(s.NominationId));
        var existing = (sync ? rows.ToList() : await rows.ToListAsync(ct)).ToLookup(s => s.NominationId, StringComparer.Ordinal);

        foreach (var id in appended)
        {
            if (nominations.GetValueOrDefault(id) is not { } nomination) continue;
            var stays = existing[id].OrderBy(s => s.Ordinal).ToList();
            var before = stays.Count;
            var open = before > 0 && stays[^1].LeftAt is null ? stays[^1] : null;
            var newLines = added.Select((line, i) => (line, i)).Where(x => x.line.NominationId == id)
                .OrderBy(x => x.line.At).ThenBy(x => x.i).Select(x => (x.line.At, x.line.Stage)).ToList();
            if (!StageStays.Append(nomination, stays, newLines)) continue;
            if (open is not null) db.Entry(open).DetectChanges();
            for (var i = before; i < stays.Count; i++) db.Add(stays[i]);
        }
        if (rewritten.Count > 0) await RecomputeAsync(db, rewritten.ToList(), events, added, nominations, existing, sync, ct);
    }

    /// <summary>The stays of <paramref name="ids"/> recomputed from their whole history as it will be after this save.</summary>
    private static async ValueTask RecomputeAsync(GreenTierDbContext db, List<string> ids, List<EntityEntry<NominationEvent>> events, List<NominationEvent> added,
        Dictionary<string, Nomination?> nominations, ILookup<string, NominationStageStay> existing, bool sync, CancellationToken ct)
    {
        // The stored lines, less those removed here, as changed here, plus the new ones.
        var stored = db.NominationEvents.AsNoTracking().Where(e => ids.Contains(e.NominationId)).Select(e => new { e.Id, e.NominationId, e.At, e.Stage });
        var tracked = events.Where(e => e.State != EntityState.Added && e.State != EntityState.Detached)
            .ToDictionary(e => e.Entity.Id, e => e);
        var history = new List<(string NominationId, DateTimeOffset At, long Order, string? Stage)>();
        foreach (var line in sync ? stored.ToList() : await stored.ToListAsync(ct))
        {
            if (!tracked.TryGetValue(line.Id, out var entry)) history.Add((line.NominationId, line.At, line.Id, line.Stage));
            else if (entry.State != EntityState.Deleted) history.Add((line.NominationId, entry.Entity.At, line.Id, entry.Entity.Stage));
        }
        for (var i = 0; i < added.Count; i++)
            if (ids.Contains(added[i].NominationId, StringComparer.Ordinal))
                history.Add((added[i].NominationId, added[i].At, long.MaxValue - added.Count + i, added[i].Stage)); // written after every stored line

        var byNomination = history.ToLookup(h => h.NominationId, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var wanted = nominations.GetValueOrDefault(id) is { } nomination
                ? StageStays.Of(nomination, byNomination[id].OrderBy(h => h.At).ThenBy(h => h.Order).Select(h => (h.At, h.Stage)).ToList())
                : [];
            var have = existing[id].ToDictionary(s => s.Ordinal);
            foreach (var stay in wanted)
            {
                if (!have.Remove(stay.Ordinal, out var row)) db.Add(stay);
                else if (!Same(row, stay))
                {
                    Copy(stay, row);
                    db.Entry(row).DetectChanges();
                }
            }
            foreach (var extra in have.Values) db.Remove(extra);
        }
    }

    private static bool Same(NominationStageStay a, NominationStageStay b) =>
        a.Year == b.Year && a.DistrictCode == b.DistrictCode && a.Type == b.Type && a.Stage == b.Stage && a.First == b.First
        && a.EnteredAt == b.EnteredAt && a.LeftAt == b.LeftAt && a.Days == b.Days;

    private static void Copy(NominationStageStay from, NominationStageStay to)
    {
        (to.Year, to.DistrictCode, to.Type, to.Stage, to.First) = (from.Year, from.DistrictCode, from.Type, from.Stage, from.First);
        (to.EnteredAt, to.LeftAt, to.Days) = (from.EnteredAt, from.LeftAt, from.Days);
    }
}
