using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// The plan the database chooses for a LINQ query's SQL: SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN with sorting,
/// hash aggregation and sequential scans priced out (so a plan that still sorts or scans means no index serves the query).
/// </summary>
public sealed record QueryPlan(string Sql, IReadOnlyList<string> Lines)
{
    public static async Task<QueryPlan> OfAsync(DbContext db, IQueryable query)
    {
        await db.Database.OpenConnectionAsync();
        var postgres = db.Database.IsNpgsql();
        if (postgres)
            await db.Database.ExecuteSqlRawAsync("SET enable_sort = off; SET enable_incremental_sort = off; SET enable_seqscan = off; SET enable_hashagg = off");
        try
        {
            await using var command = query.CreateDbCommand();
            var sql = command.CommandText;
            command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) lines.Add(reader.GetString(postgres ? 0 : 3));
            return new QueryPlan(sql, lines);
        }
        finally
        {
            if (postgres) await db.Database.ExecuteSqlRawAsync("RESET enable_sort; RESET enable_incremental_sort; RESET enable_seqscan; RESET enable_hashagg");
        }
    }

    public bool Uses(string index) => Lines.Any(l => l.Contains(index, StringComparison.Ordinal));

    /// <summary>A sort of rows (SQLite's temporary B-tree, PostgreSQL's Sort / Incremental Sort) or a sequential scan.</summary>
    public bool SortsOrScans => Lines.Any(l => l.Contains("TEMP B-TREE", StringComparison.Ordinal) || l.Contains("Seq Scan", StringComparison.Ordinal)
        || l.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal) || l.Contains("Incremental Sort", StringComparison.Ordinal));

    /// <summary>A table read whole: SQLite's <c>SCAN</c> of a table (not of an index), PostgreSQL's Seq Scan.</summary>
    public bool Scans => Lines.Any(l => l.Contains("Seq Scan", StringComparison.Ordinal)
        || (l.TrimStart().StartsWith("SCAN ", StringComparison.Ordinal) && !l.Contains(" INDEX ", StringComparison.Ordinal)));

    public override string ToString() => $"{Sql}\n{string.Join("\n", Lines)}";
}
