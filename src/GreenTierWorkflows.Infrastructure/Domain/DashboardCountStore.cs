using GreenTierWorkflows.Domain.Nominations;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// The storage side of the dashboard's counts (<see cref="DashboardCount"/>): counting them afresh from the records, set-based
/// (the migration that adds them, and bulk loads that write rows without the context's saves), and folding the rows of changes
/// into one row per key (the compaction job). The application's projector says which records each measure counts; the
/// statement here counts the same, and the projection consistency tests compare the two.
/// </summary>
public static class DashboardCountStore
{
    private const string Columns = "\"Year\", \"DistrictCode\", \"Measure\", \"Stage\", \"Detail\", \"Count\"";
    private const string Key = "\"Year\", \"DistrictCode\", \"Measure\", \"Stage\", \"Detail\"";

    /// <summary>Replaces every count by one row per key counted from the nominations, tasks, stays and pool members (SQLite and PostgreSQL alike).</summary>
    public const string RebuildSql = $"""
        DELETE FROM "DashboardCounts";
        INSERT INTO "DashboardCounts" ({Columns})
        SELECT "Year", "DistrictCode", '{DashboardMeasures.NominationsByType}', '', "Type", COUNT(*)
            FROM "Nominations" GROUP BY "Year", "DistrictCode", "Type"
        UNION ALL
        SELECT "Year", "DistrictCode", '{DashboardMeasures.NominationsByStatus}', "Stage", "Status", COUNT(*)
            FROM "Nominations" GROUP BY "Year", "DistrictCode", "Stage", "Status"
        UNION ALL
        SELECT "Year", "DistrictCode", '{DashboardMeasures.Submitted}', '', '', COUNT(*)
            FROM "Nominations" WHERE "SubmittedAt" IS NOT NULL GROUP BY "Year", "DistrictCode"
        UNION ALL
        SELECT "Year", "DistrictCode", '{DashboardMeasures.OpenTasks}', "Stage", "AssigneeRole", COUNT(*)
            FROM "ReviewTasks" WHERE "Status" = 'Open' GROUP BY "Year", "DistrictCode", "Stage", "AssigneeRole"
        UNION ALL
        SELECT "Year", "DistrictCode", '{DashboardMeasures.Reached}', "Stage", '', COUNT(*)
            FROM "NominationStageStays" WHERE "First" GROUP BY "Year", "DistrictCode", "Stage"
        UNION ALL
        SELECT "Year", "DistrictCode", '{DashboardMeasures.EndedStays}', "Stage", '', COUNT(*)
            FROM "NominationStageStays" WHERE "Days" IS NOT NULL GROUP BY "Year", "DistrictCode", "Stage"
        UNION ALL
        SELECT "Year", "DistrictCode", '{DashboardMeasures.PoolMembers}', '',
               "TargetType" || CASE WHEN "ExitedAt" IS NULL THEN '{DashboardMeasures.ActiveSuffix}' ELSE '{DashboardMeasures.ExitedSuffix}' END, COUNT(*)
            FROM "PoolMemberships" GROUP BY "Year", "DistrictCode", "TargetType", "ExitedAt" IS NULL;
        """;

    /// <summary>SQLite's fold: one row per key of the sums of the rows up to an id ({0}).</summary>
    private const string FoldUpToSql = $$"""
        INSERT INTO "DashboardCounts" ({{Columns}})
        SELECT {{Key}}, SUM("Count") FROM "DashboardCounts" WHERE "Id" <= {0} GROUP BY {{Key}} HAVING SUM("Count") <> 0
        """;

    /// <summary>Counts every measure afresh (<see cref="RebuildSql"/>), in one transaction.</summary>
    public static async Task RebuildAsync(GreenTierDbContext db, CancellationToken ct = default)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Folds the rows there are into one row per key (none where they sum to 0) and returns how many rows it folded. Rows saved
    /// meanwhile are left for the next time. On PostgreSQL one statement deletes the rows it sees and inserts their sums, so two
    /// nodes compacting at once fold each row once (a row the other deleted is skipped); on SQLite the transaction holds the
    /// write lock from its start (Microsoft.Data.Sqlite begins IMMEDIATE), so the rows up to the highest id are all there is.
    /// </summary>
    public static async Task<int> CompactAsync(GreenTierDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<int>($"""
                WITH folded AS (DELETE FROM "DashboardCounts" RETURNING {Columns}),
                     summed AS (INSERT INTO "DashboardCounts" ({Columns})
                                SELECT {Key}, SUM("Count") FROM folded GROUP BY {Key} HAVING SUM("Count") <> 0)
                SELECT CAST(COUNT(*) AS integer) AS "Value" FROM folded
                """).ToListAsync(ct) is [var rows] ? rows : 0; // not composed: PostgreSQL wants a data-modifying WITH at the top

        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var last = await db.DashboardCounts.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        await db.Database.ExecuteSqlRawAsync(FoldUpToSql, [last], ct);
        var folded = await db.DashboardCounts.Where(c => c.Id <= last).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return folded;
    }
}
