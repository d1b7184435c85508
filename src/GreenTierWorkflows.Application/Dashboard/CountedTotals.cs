using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// List totals read from the dashboard's counts (<see cref="DashboardCount"/>) instead of counting the rows: a few rows per unit
/// and stage, so 申报管理's 「共 n 条」, 培育库's and the inbox's count cost the same at 1,000 and at 100,000 nominations. Only filters the
/// counts are kept by can be answered so (the callers say when: a keyword, a due date or a type together with a status or
/// stage need the rows). The scope is the one rule (<see cref="JurisdictionScope"/>) on the counts' unit.
/// </summary>
public static class CountedTotals
{
    /// <summary>Whether <see cref="NominationsAsync"/> answers a filter of these fields (a type with a status or a stage does not: no count holds both).</summary>
    public static bool CanCountNominations(NominationType? type, NominationStatus? status, string? stage) =>
        type is null || (status is null && string.IsNullOrWhiteSpace(stage));

    /// <summary>The nominations in scope of the year (all years when null), unit, type, status and stage given (see <see cref="CanCountNominations"/>).</summary>
    public static async Task<int> NominationsAsync(GreenTierDbContext db, Official who, int? year, string? district, NominationType? type,
        NominationStatus? status, string? stage, CancellationToken ct)
    {
        if (!CanCountNominations(type, status, stage)) throw new ArgumentException("A type together with a status or a stage is not counted.", nameof(type));
        var counts = InScope(db, who, year, district);
        if (type is { } t)
        {
            var name = t.ToString();
            return await counts.Where(c => c.Measure == DashboardMeasures.NominationsByType && c.Detail == name).SumAsync(c => c.Count, ct);
        }
        counts = counts.Where(c => c.Measure == DashboardMeasures.NominationsByStatus);
        if (status is { } s)
        {
            var name = s.ToString();
            counts = counts.Where(c => c.Detail == name);
        }
        if (!string.IsNullOrWhiteSpace(stage))
        {
            var trimmed = stage.Trim();
            counts = counts.Where(c => c.Stage == trimmed);
        }
        return await counts.SumAsync(c => c.Count, ct);
    }

    /// <summary>The open review tasks in scope held by one of <paramref name="roles"/>, of the year, unit and stage given (each optional).</summary>
    public static async Task<int> OpenTasksAsync(GreenTierDbContext db, Official who, IReadOnlyCollection<string> roles, int? year, string? district,
        string? stage, CancellationToken ct)
    {
        var list = roles.ToList();
        var counts = InScope(db, who, year, district).Where(c => c.Measure == DashboardMeasures.OpenTasks && list.Contains(c.Detail));
        if (stage is not null) counts = counts.Where(c => c.Stage == stage);
        return await counts.SumAsync(c => c.Count, ct);
    }

    /// <summary>The cultivation pool members in scope of the year (all years when null), unit, type and standing (在库 when active) given.</summary>
    public static Task<int> PoolMembersAsync(GreenTierDbContext db, Official who, int? year, string? district, NominationType? type, bool? active,
        CancellationToken ct)
    {
        var details = (type is { } t ? [t] : Enum.GetValues<NominationType>())
            .SelectMany(each => active is { } a ? [DashboardMeasures.PoolMemberDetail(each, a)]
                : new[] { DashboardMeasures.PoolMemberDetail(each, true), DashboardMeasures.PoolMemberDetail(each, false) })
            .ToList();
        return InScope(db, who, year, district).Where(c => c.Measure == DashboardMeasures.PoolMembers && details.Contains(c.Detail)).SumAsync(c => c.Count, ct);
    }

    /// <summary>The counts in the official's scope (<see cref="JurisdictionScope"/>) of the year and unit given (each optional).</summary>
    internal static IQueryable<DashboardCount> InScope(GreenTierDbContext db, Official who, int? year, string? district)
    {
        var counts = db.DashboardCounts.AsNoTracking().VisibleTo(who);
        if (year is { } y) counts = counts.Where(c => c.Year == y);
        if (district is not null) counts = counts.Where(c => c.DistrictCode == district);
        return counts;
    }
}
