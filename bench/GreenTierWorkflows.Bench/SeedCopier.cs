using System.Data.Common;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Bench;

/// <summary>
/// Multiplies the nominations the generator built through the use cases (<c>CreatedBy</c> <c>seed-…</c>) by copying their
/// rows set-based, one INSERT … SELECT per table and copy round (SQLite and PostgreSQL): the enterprise, its pool
/// membership, the nomination, its history and stays (the dashboard's projection), tasks, materials and listing, each with the
/// id suffixed <c>~k</c>, a credit code of its own and the name 「…第k分厂有限公司」. Copies have no workflow instance: they are
/// listed, searched, exported and counted like the originals, but only the use-case-built tasks can be decided.
/// </summary>
internal static class SeedCopier
{
    private const string Seeded = "SELECT \"Id\" FROM \"Nominations\" WHERE \"CreatedBy\" LIKE 'seed-%' AND \"Id\" NOT LIKE '%~%'";
    private const string SeededEnterprises = "SELECT \"EnterpriseId\" FROM \"Nominations\" WHERE \"CreatedBy\" LIKE 'seed-%' AND \"Id\" NOT LIKE '%~%'";

    public static async Task CopyAsync(IServiceProvider services, int copies)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        string Suffix(string column) => $"t.\"{column}\" || '~' || k";
        string Named(string column) => $"replace(t.\"{column}\", '有限公司', '第' || k || '分厂有限公司')";
        var k3 = postgres ? "lpad(k::text, 3, '0')" : "printf('%03d', k)";

        await CopyAsync(connection, postgres, copies, "Enterprises", $"\"Id\" IN ({SeededEnterprises})", new()
        {
            ["Id"] = Suffix("Id"), ["Name"] = Named("Name"), ["CreditCode"] = $"substr(t.\"CreditCode\", 1, 10) || {k3} || substr(t.\"CreditCode\", 14, 5)",
        });
        await CopyAsync(connection, postgres, copies, "PoolMemberships", $"\"EnterpriseId\" IN ({SeededEnterprises})", new()
        {
            ["Id"] = Suffix("Id"), ["EnterpriseId"] = Suffix("EnterpriseId"), ["MemberName"] = Named("MemberName"),
        });
        await CopyAsync(connection, postgres, copies, "Nominations", $"\"Id\" IN ({Seeded})", new()
        {
            ["Id"] = Suffix("Id"), ["EnterpriseId"] = Suffix("EnterpriseId"), ["WorkflowInstanceId"] = Suffix("WorkflowInstanceId"), ["ApplicantName"] = Named("ApplicantName"),
        });
        await CopyAsync(connection, postgres, copies, "NominationEvents", $"\"NominationId\" IN ({Seeded})", new()
        {
            ["Id"] = null, ["NominationId"] = Suffix("NominationId"), ["TaskId"] = Suffix("TaskId"),
        });
        await CopyAsync(connection, postgres, copies, "NominationStageStays", $"\"NominationId\" IN ({Seeded})", new()
        {
            ["NominationId"] = Suffix("NominationId"),
        });
        await CopyAsync(connection, postgres, copies, "ReviewTasks", $"\"NominationId\" IN ({Seeded})", new()
        {
            ["Id"] = Suffix("Id"), ["NominationId"] = Suffix("NominationId"), ["WorkflowInstanceId"] = Suffix("WorkflowInstanceId"),
            ["ApplicantName"] = Named("ApplicantName"), ["Title"] = Named("Title"),
        });
        await CopyAsync(connection, postgres, copies, "Materials", $"\"NominationId\" IN ({Seeded})", new()
        {
            ["Id"] = Suffix("Id"), ["NominationId"] = Suffix("NominationId"), ["PendingTaskId"] = Suffix("PendingTaskId"),
        });
        await CopyAsync(connection, postgres, copies, "Listings", $"\"NominationId\" IN ({Seeded})", new()
        {
            ["Id"] = Suffix("Id"), ["NominationId"] = Suffix("NominationId"), ["EnterpriseId"] = Suffix("EnterpriseId"), ["ApplicantName"] = Named("ApplicantName"),
        });
        // Copies are written without the context's saves: the dashboard's counts are counted afresh from the rows.
        await ExecuteAsync(connection, DashboardCountStore.RebuildSql);
        // 培育梯度's stored standings know nothing of the copied members: no generation is complete any more, so the next
        // standing filter (or the nightly job) assesses the whole ladder again.
        await ExecuteAsync(connection, "DELETE FROM \"MemberStandingGenerations\"");
        await ExecuteAsync(connection, "ANALYZE");
    }

    /// <summary>
    /// Copies the rows of <paramref name="table"/> matching <paramref name="source"/> once for each k in 1…copies-1, every
    /// column as it is except those in <paramref name="overrides"/> (an SQL expression over <c>t</c> and <c>k</c>; null leaves
    /// the column out, e.g. an identity key).
    /// </summary>
    private static async Task CopyAsync(DbConnection connection, bool postgres, int copies, string table, string source, Dictionary<string, string?> overrides)
    {
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = postgres
                ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position"
                : $"SELECT name FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        }
        var kept = columns.Where(c => !overrides.TryGetValue(c, out var o) || o is not null).ToList();
        var values = kept.Select(c => overrides.TryGetValue(c, out var o) ? o! : $"t.\"{c}\"");
        var sequence = postgres
            ? $"(SELECT generate_series(1, {copies - 1}) AS k) AS seq"
            : $"(WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < {copies - 1}) SELECT k FROM s) AS seq";
        await ExecuteAsync(connection, $"""
            INSERT INTO "{table}" ({string.Join(", ", kept.Select(c => $"\"{c}\""))})
            SELECT {string.Join(", ", values)} FROM {sequence} CROSS JOIN (SELECT * FROM "{table}" WHERE {source}) AS t
            """);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 1800;
        await command.ExecuteNonQueryAsync();
    }
}
