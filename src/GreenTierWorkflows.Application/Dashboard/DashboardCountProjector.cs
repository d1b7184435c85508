using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// Keeps the dashboard's counts (<see cref="DashboardCount"/>) in step with the nominations, review tasks, stays and pool members, in the
/// SaveChanges that changes them: what each measure counts is said once here (<see cref="Keys(Nomination)"/> and its
/// overloads); a record added counts +1 under its keys, a record removed −1, a changed record −1 under its keys before and
/// +1 under its keys after. The changes are saved as new rows (inserts only: decisions on nominations of one unit and stage
/// never wait on a shared counter row), one per key whose count changes; <see cref="DashboardCountStore.CompactAsync"/>
/// folds them now and then. Registered after <see cref="StageStayProjector"/>, so the stays it writes in the same save are
/// counted too. Rows written without the context (bulk copies) are counted by <see cref="DashboardCountStore.RebuildAsync"/>.
/// </summary>
public sealed class DashboardCountProjector : SaveChangesRowWriter<DashboardCount>
{
    /// <summary>The keys a nomination counts under.</summary>
    internal static IEnumerable<CountKey> Keys(Nomination n)
    {
        yield return new(n.Year, n.DistrictCode, DashboardMeasures.NominationsByType, "", n.Type.ToString());
        yield return new(n.Year, n.DistrictCode, DashboardMeasures.NominationsByStatus, n.Stage, n.Status.ToString());
        if (n.SubmittedAt is not null) yield return new(n.Year, n.DistrictCode, DashboardMeasures.Submitted, "", "");
    }

    /// <summary>The keys a review task counts under: an open one, by stage and role.</summary>
    internal static IEnumerable<CountKey> Keys(ReviewTask t)
    {
        if (t.Status == ReviewTaskStatus.Open) yield return new(t.Year, t.DistrictCode, DashboardMeasures.OpenTasks, t.Stage, t.AssigneeRole);
    }

    /// <summary>The keys a stay counts under: reached (its nomination's first in the stage), ended.</summary>
    internal static IEnumerable<CountKey> Keys(NominationStageStay s)
    {
        if (s.First) yield return new(s.Year, s.DistrictCode, DashboardMeasures.Reached, s.Stage, "");
        if (s.Days is not null) yield return new(s.Year, s.DistrictCode, DashboardMeasures.EndedStays, s.Stage, "");
    }

    /// <summary>The key a cultivation pool member counts under: by type, 在库 or 已出库 (the pools' list totals).</summary>
    internal static IEnumerable<CountKey> Keys(PoolMembership m)
    {
        yield return new(m.Year, m.DistrictCode, DashboardMeasures.PoolMembers, "", DashboardMeasures.PoolMemberDetail(m.TargetType, m.IsActive));
    }

    protected override IEnumerable<DashboardCount> RowsFor(GreenTierDbContext db)
    {
        var tracker = db.ChangeTracker;
        var changes = new Dictionary<CountKey, int>();
        Count(tracker.Entries<Nomination>(), Keys, changes);
        Count(tracker.Entries<ReviewTask>(), Keys, changes);
        Count(tracker.Entries<NominationStageStay>(), Keys, changes);
        Count(tracker.Entries<PoolMembership>(), Keys, changes);
        return changes.Where(c => c.Value != 0).OrderBy(c => c.Key).Select(c => new DashboardCount
        {
            Year = c.Key.Year, DistrictCode = c.Key.DistrictCode, Measure = c.Key.Measure, Stage = c.Key.Stage, Detail = c.Key.Detail, Count = c.Value,
        });
    }

    private static void Count<T>(IEnumerable<EntityEntry<T>> entries, Func<T, IEnumerable<CountKey>> keys, Dictionary<CountKey, int> changes) where T : class
    {
        foreach (var entry in entries)
        {
            if (entry.State is EntityState.Deleted or EntityState.Modified)
                foreach (var key in keys((T)entry.OriginalValues.ToObject())) changes[key] = changes.GetValueOrDefault(key) - 1;
            if (entry.State is EntityState.Added or EntityState.Modified)
                foreach (var key in keys(entry.Entity)) changes[key] = changes.GetValueOrDefault(key) + 1;
        }
    }
}

/// <summary>One count's key (see <see cref="DashboardCount"/>).</summary>
internal readonly record struct CountKey(int Year, string DistrictCode, string Measure, string Stage, string Detail) : IComparable<CountKey>
{
    public int CompareTo(CountKey other) =>
        (Year, DistrictCode, Measure, Stage, Detail).CompareTo((other.Year, other.DistrictCode, other.Measure, other.Stage, other.Detail));
}
