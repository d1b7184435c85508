namespace GreenTierWorkflows.Domain.Officials;

/// <summary>
/// The jurisdiction rule, written once (a security rule): city-wide officials (reviewers, verifiers, the provincial liaison,
/// designers, administrators) see every district; a district official sees the records of his own unit only; a district
/// official whose account is bound to no unit sees none. Every list, export, dashboard figure and single-record lookup goes
/// through <see cref="VisibleTo{T}"/> or <see cref="CanSeeDistrict"/>; a record outside the scope is answered as not found.
/// </summary>
public static class JurisdictionScope
{
    /// <summary>The rows of <paramref name="rows"/> the official may see (a filter that runs in SQL).</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> rows, Official who) where T : class, IDistrictOwned
    {
        ArgumentNullException.ThrowIfNull(who);
        if (who.IsCityWide) return rows;
        if (who.Jurisdiction is not { } own) return rows.Where(_ => false);
        return rows.Where(row => row.DistrictCode == own);
    }

    /// <summary>The items of an in-memory sequence the official may see (the same rule as <see cref="VisibleTo{T}(IQueryable{T}, Official)"/>).</summary>
    public static IEnumerable<T> VisibleTo<T>(this IEnumerable<T> items, Official who, Func<T, string> districtOf) =>
        items.Where(item => who.CanSeeDistrict(districtOf(item)));

    /// <summary>May the official see records of the given district?</summary>
    public static bool CanSeeDistrict(this Official who, string districtCode)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.IsCityWide || (who.Jurisdiction is { } own && own == districtCode);
    }

    /// <summary>May the official see this record?</summary>
    public static bool CanSee(this Official who, IDistrictOwned record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return who.CanSeeDistrict(record.DistrictCode);
    }
}
