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
