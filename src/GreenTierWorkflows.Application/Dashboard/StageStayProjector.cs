using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// Keeps <see cref="NominationStageStay"/> in step with the history, in the SaveChanges that changes it (one transaction):
/// when a unit of work adds, changes or removes history lines, or changes a nomination's year, unit or type, that
/// nomination's stays are recomputed from its whole history (<see cref="StageStays"/>, a few lines) and only the rows that
/// differ are written. Every use case that writes history — decisions, effects, submissions, revocations — needs to do
/// nothing more. Each nomination has rows of its own, so concurrent decisions on different nominations share no row.
/// </summary>
public sealed class StageStayProjector : SaveChangesInterceptor
{
    private static readonly string[] CopiedFields = [nameof(Nomination.Year), nameof(Nomination.DistrictCode), nameof(Nomination.Type)];

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

    private static async ValueTask ProjectAsync(GreenTierDbContext db, bool sync, CancellationToken ct)
    {
        // One look at the tracker (Entries() detects changes first; SaveChanges would do so right after this anyway).
        var entries = db.ChangeTracker.Entries().ToList();
        var events = entries.Where(e => e.Entity is NominationEvent).Select(e => db.Entry((NominationEvent)e.Entity)).ToList();
        var lines = events
            .Where(e => e.State == EntityState.Added || e.State == EntityState.Deleted
                || (e.State == EntityState.Modified && (e.Property(x => x.At).IsModified || e.Property(x => x.Stage).IsModified)))
            .ToList();
        var nominationEntries = entries.Where(e => e.Entity is Nomination).Select(e => db.Entry((Nomination)e.Entity)).ToList();
        var moved = nominationEntries
            .Where(e => e.State == EntityState.Deleted || (e.State == EntityState.Modified && CopiedFields.Any(f => e.Property(f).IsModified)))
            .Select(e => e.Entity.Id);
        var ids = lines.Select(e => e.Entity.NominationId).Concat(moved).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;

        // The history as it will be after this save: the stored lines, less those removed here, as changed here, plus the new ones.
        var stored = db.NominationEvents.AsNoTracking().Where(e => ids.Contains(e.NominationId)).Select(e => new { e.Id, e.NominationId, e.At, e.Stage });
        var tracked = events.Where(e => e.State != EntityState.Added && e.State != EntityState.Detached)
            .ToDictionary(e => e.Entity.Id, e => e);
        var history = new List<(string NominationId, DateTimeOffset At, long Order, string? Stage)>();
        foreach (var line in sync ? stored.ToList() : await stored.ToListAsync(ct))
        {
            if (!tracked.TryGetValue(line.Id, out var entry)) history.Add((line.NominationId, line.At, line.Id, line.Stage));
            else if (entry.State != EntityState.Deleted) history.Add((line.NominationId, entry.Entity.At, line.Id, entry.Entity.Stage));
        }
        var added = events.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        for (var i = 0; i < added.Count; i++)
            if (ids.Contains(added[i].NominationId, StringComparer.Ordinal))
                history.Add((added[i].NominationId, added[i].At, long.MaxValue - added.Count + i, added[i].Stage)); // written after every stored line

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
                else if (!Same(row, stay)) Copy(stay, row);
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
