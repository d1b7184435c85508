using System.Runtime.CompilerServices;
using GreenTierWorkflows.Domain.Pools;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// The statements of 培育梯度 whose join order the query planner must not choose. A member of this year leaves the ladder when
/// its enterprise or park is enrolled again (active) next year; counting the ladder asks how many of this year's members are
/// so superseded, which is answered from next year's side: next year's enrolments are few until the year turns, while this
/// year's pool holds up to 100,000 members.
/// </summary>
public static class PoolLadderQueries
{
    /// <summary>
    /// The active members of <paramref name="year"/> and the next, to be read in the order of the ladder's partial index
    /// (<see cref="ReadinessLadderIndexDefinition"/>). On SQLite the bounds are written <c>Year + 0</c> so that no index on the
    /// year is chosen for them: with one, SQLite read both years' members through the year's index and sorted them for every
    /// page (0.22 s a page at 100,000 members against 0.1 ms on the ladder's index). PostgreSQL keeps the plain bounds: it
    /// estimates <c>Year + 0</c> at a few rows and then sorted every member for a page (32 ms at 10,000 members against
    /// 0.35 ms walking the ladder's index, whose order its statistics of the year make the cheaper).
    /// </summary>
    public static IQueryable<PoolMembership> ActiveInLadderYears(GreenTierDbContext db, int year) =>
        db.Database.IsSqlite()
            ? db.PoolMemberships.Where(m => m.ExitedAt == null && m.Year + 0 >= year && m.Year + 0 <= year + 1)
            : db.PoolMemberships.Where(m => m.ExitedAt == null && m.Year >= year && m.Year <= year + 1);

    /// <summary>
    /// The active members of <paramref name="year"/> whose enterprise or park has an active enrolment in the next year, each
    /// once. On SQLite each join starts from next year's enrolments (CROSS JOIN fixes SQLite's join order) and looks this
    /// year's up on the enterprise's or the park's index (next year's are read on the list's index by their year); written as LINQ joins, SQLite read this year's members first and
    /// re-ran the search per member (it did not finish in ten minutes at 100,000). PostgreSQL orders the join by its
    /// statistics.
    /// </summary>
    public static IQueryable<PoolMembership> SupersededThisYear(GreenTierDbContext db, int year)
    {
        // SQLite: next year's side on the list's index by its year (with ANALYZE statistics of a pool all of one year, SQLite
        // took a year for every member and walked the whole ladder index instead: 27 ms at 100,000 for no row), then this year's.
        var (next, join) = db.Database.IsSqlite()
            ? ("""
               "PoolMemberships" AS n INDEXED BY "IX_PoolMemberships_List"
               """, "CROSS JOIN")
            : ("\"PoolMemberships\" AS n", "JOIN"); // PostgreSQL's CROSS JOIN takes no ON
        return db.PoolMemberships.FromSql(FormattableStringFactory.Create($"""
            SELECT o.* FROM {next} {join} "PoolMemberships" AS o ON o."EnterpriseId" = n."EnterpriseId"
            WHERE n."Year" = {"{1}"} AND n."ExitedAt" IS NULL AND o."Year" = {"{0}"} AND o."ExitedAt" IS NULL
            UNION
            SELECT o.* FROM {next} {join} "PoolMemberships" AS o ON o."ParkId" = n."ParkId"
            WHERE n."Year" = {"{1}"} AND n."ExitedAt" IS NULL AND o."Year" = {"{0}"} AND o."ExitedAt" IS NULL
            """, year, year + 1));
    }
}
