using System.Collections;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// Records, in the save that makes them, the changes to the facts 培育梯度 assesses a member on, so that its stored standing
/// (<see cref="MemberStanding"/>) is assessed again before it is next read (<see cref="ReadinessService.RefreshStandingsAsync"/>):
/// an enterprise (its industry, energy, certificates), a listing or a nomination of an enterprise or park, a pool membership.
/// What each changed record invalidates is said once, in <see cref="Subjects"/>. Declaration windows and the rules files are
/// not recorded here: they are part of the standings' generation, so a change to them makes every row old at once.
/// </summary>
public sealed class MemberStandingInvalidator : SaveChangesRowWriter<MemberStandingInvalidation>
{
    /// <summary>The subject of an enterprise or a park (see <see cref="MemberStandingInvalidation.Subject"/>).</summary>
    internal static string Of(string? enterpriseId, string? parkId) => enterpriseId is not null ? "e:" + enterpriseId : "p:" + parkId;

    /// <summary>The subjects a changed record invalidates; none for records the assessment does not read.</summary>
    internal static IEnumerable<string> Subjects(object record)
    {
        switch (record)
        {
            case Enterprise e: yield return "e:" + e.Id; break;
            case Listing l when l.EnterpriseId is not null || l.ParkId is not null: yield return Of(l.EnterpriseId, l.ParkId); break;
            case Nomination n when n.EnterpriseId is not null || n.ParkId is not null: yield return Of(n.EnterpriseId, n.ParkId); break;
            case PoolMembership m:
                // The membership itself, and its enterprise's or park's other memberships: one enrolled again next year
                // supersedes this year's, and one that exits hands the ladder back to it.
                yield return "m:" + m.Id;
                if (m.EnterpriseId is not null || m.ParkId is not null) yield return Of(m.EnterpriseId, m.ParkId);
                break;
        }
    }

    protected override IEnumerable<MemberStandingInvalidation> RowsFor(GreenTierDbContext db)
    {
        var tracker = db.ChangeTracker;
        var subjects = new SortedSet<string>(StringComparer.Ordinal);
        var entries = tracker.Entries().ToList();
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            // An owned record (an enterprise's certificate, a nomination's negative-list answer) changes its owner's facts.
            var record = entry.Metadata.IsOwned() ? Owner(entries, entry) : entry.Entity;
            if (record is not null) subjects.UnionWith(Subjects(record));
        }
        return subjects.Select(subject => new MemberStandingInvalidation { Subject = subject });
    }

    /// <summary>The tracked record that owns <paramref name="owned"/> (a JSON collection's item), or null.</summary>
    private static object? Owner(List<EntityEntry> entries, EntityEntry owned)
    {
        var ownership = owned.Metadata.FindOwnership();
        if (ownership?.PrincipalToDependent is not { } navigation) return null;
        foreach (var candidate in entries.Where(e => e.Metadata == ownership.PrincipalEntityType))
        {
            var value = candidate.Navigation(navigation.Name).CurrentValue;
            if (ReferenceEquals(value, owned.Entity) || (value is IEnumerable items && items.Cast<object>().Any(i => ReferenceEquals(i, owned.Entity))))
                return candidate.Entity;
        }
        return null;
    }
}
