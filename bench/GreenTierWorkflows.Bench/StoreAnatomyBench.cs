using System.Diagnostics;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.Data.Sqlite;

namespace GreenTierWorkflows.Bench;

internal sealed record AnatomyResult(IReadOnlyList<(string Phase, double AsStore, double Prepared)> Commit, double WalBytesPerCommit,
    IReadOnlyList<(string Read, double Microseconds)> Reads, int CheckpointEvery, double CheckpointMicroseconds, double CheckpointMaxMicroseconds);

/// <summary>
/// Diagnostic: the store's start-step commit taken apart, on the store's own schema (a database made by
/// <see cref="EfWorkflowStore.CreateSqlite"/>) with real step payloads. The same statements run twice: as the store runs them
/// (pooled connection opened per commit, a new command — so a fresh sqlite3_prepare — per statement) and with commands
/// prepared once on a kept-open connection. The WAL is not checkpointed during the run, so its growth is the bytes written.
/// The SQL mirrors EfWorkflowStore's commit statements (columns and conflict clauses), simplified where it does not matter.
/// </summary>
internal static class StoreAnatomyBench
{
    private const string InsertInstance =
        "INSERT INTO \"WorkflowInstances\" (\"Id\", \"DefinitionId\", \"DefinitionVersionId\", \"Version\", \"Name\", \"CorrelationId\", \"Status\", " +
        "\"SubStatus\", \"IncidentCount\", \"CreatedAt\", \"UpdatedAt\", \"FinishedAt\", \"Stamp\", \"StateJson\") VALUES (@id, @d, @dv, @v, @n, @c, @s, " +
        "@ss, @ic, @ca, @ua, @fa, @st, @json) ON CONFLICT (\"Id\") DO NOTHING;";
    private const string UpsertBookmark =
        "INSERT INTO \"Bookmarks\" (\"Id\", \"WorkflowInstanceId\", \"Name\", \"Hash\", \"CorrelationId\", \"ActivityInstanceId\", \"DueAt\", \"CreatedAt\", " +
        "\"ConsumedAt\", \"Json\") VALUES (@id, @wi, @n, @h, @c, @ai, @due, @ca, NULL, @json) ON CONFLICT (\"Id\") DO UPDATE SET \"ConsumedAt\" = NULL, \"Json\" = excluded.\"Json\";";
    private const string InsertJournal =
        "INSERT INTO \"JournalEntries\" (\"WorkflowInstanceId\", \"Sequence\", \"ActivityInstanceId\", \"ActivityId\", \"ActivityNodeId\", \"ActivityType\", " +
        "\"ActivityName\", \"EventName\", \"Outcome\", \"Message\", \"Timestamp\", \"ActivityStateJson\") VALUES (@wi, @seq, @ai, @a, @an, @at, @name, @e, @o, @m, @ts, NULL);";

    private static readonly string[] Phases =
        ["serialize state + bookmark JSON", "open pooled connection + pragma check", "BEGIN IMMEDIATE", "INSERT instance (5 indexes)",
         "UPSERT bookmark (4 indexes)", "INSERT journal rows (×N, 2 indexes)", "COMMIT (WAL append)"];

    public static async Task<AnatomyResult> RunAsync(BenchHost host, int count, int warmUp)
    {
        // Real step payloads from the runner (nothing persisted by it).
        using var rt = host.CreateSqlite("anatomy");
        var definitionId = await BenchHost.PublishAsync(rt, BenchHost.EventWait("bench-anatomy"));
        var graph = (await rt.Runtime.FindGraphAsync(definitionId, VersionOptions.Published))!;
        var steps = new List<WorkflowStepResult>(2 * (count + warmUp));
        for (var i = 0; i < 2 * (count + warmUp); i++) steps.Add(await rt.Runner.StartAsync(graph));

        var path = rt.DatabasePath!;
        var connectionString = EfWorkflowStore.SqliteConnectionString(path);
        var asStore = new double[Phases.Length];
        var prepared = new double[Phases.Length];

        // wal_autocheckpoint is per connection: set it on the pooled handle that the as-store variant keeps reusing.
        using (var control = Open(connectionString))
        {
            SqliteConnection.ClearPool(control);
        }
        using (var control = Open(connectionString))
        {
            Execute(control, "PRAGMA wal_autocheckpoint=0;");
            Execute(control, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        var walPath = path + "-wal";
        var checkpoints = new List<double>();
        long walBefore = 0, walAfter;

        // Variant 1: as the store does it.
        Measure.Quiesce();
        for (var i = 0; i < warmUp + count; i++)
        {
            if (i == warmUp) walBefore = WalSize(walPath);
            Commit(steps[i], () => Open(connectionString), owned: true, cache: null, i >= warmUp ? asStore : null);
        }
        walAfter = WalSize(walPath);
        var walBytesPerCommit = (double)(walAfter - walBefore) / count;
        // The store's auto-checkpoint threshold (pages of 4 KB, from its connection pragmas): how many start commits fill it.
        var checkpointEvery = Math.Max(1, (int)Math.Round(SqliteConnectionSetupInterceptor.WalAutoCheckpointPages * 4096.0 / Math.Max(walBytesPerCommit, 1)));

        // Variant 2: kept-open connection, statements prepared once.
        using (var kept = Open(connectionString))
        {
            Execute(kept, "PRAGMA wal_autocheckpoint=0;");
            Execute(kept, "PRAGMA wal_checkpoint(TRUNCATE);");
            var cache = new Dictionary<string, SqliteCommand>();
            Measure.Quiesce();
            for (var i = 0; i < warmUp + count; i++)
            {
                Commit(steps[warmUp + count + i], () => kept, owned: false, cache, i >= warmUp ? prepared : null);
                // What the store's auto-checkpoint costs the commit that triggers it.
                if (i >= warmUp && (i - warmUp + 1) % checkpointEvery == 0)
                {
                    var c0 = Stopwatch.GetTimestamp();
                    Execute(kept, "PRAGMA wal_checkpoint(PASSIVE);");
                    checkpoints.Add(Measure.Microseconds(c0, Stopwatch.GetTimestamp()));
                }
            }
            foreach (var cmd in cache.Values) cmd.Dispose();
        }

        // Reads (no write in between, so every page cache stays warm): the store's read against plain SELECTs by primary key.
        var bookmarkIds = steps.Select(s => s.AddedBookmarks[0].Id).ToArray();
        var reads = new List<(string, double)>();
        var efLoop = await TimeEach(count, warmUp, i => rt.Store.FindBookmarkAsync(bookmarkIds[i]));
        reads.Add(("store.FindBookmarkAsync (primary-key SELECT on the writer connection)", efLoop));
        var adoLoop = await TimeEach(count, warmUp, i =>
        {
            using var c = Open(connectionString);
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT \"Json\", \"ConsumedAt\" FROM \"Bookmarks\" WHERE \"Id\" = @id;";
            cmd.Parameters.AddWithValue("@id", bookmarkIds[i]);
            using var reader = cmd.ExecuteReader();
            var found = reader.Read() ? WorkflowStateSerializer.DeserializeBookmark(reader.GetString(0)) : null;
            return Task.FromResult(found);
        });
        reads.Add(("same row, plain ADO.NET (pooled open + new command) + deserialize", adoLoop));
        using (var kept = Open(connectionString))
        using (var select = kept.CreateCommand())
        {
            select.CommandText = "SELECT \"Json\", \"ConsumedAt\" FROM \"Bookmarks\" WHERE \"Id\" = @id;";
            var id = select.Parameters.Add("@id", SqliteType.Text);
            select.Prepare();
            var preparedLoop = await TimeEach(count, warmUp, i =>
            {
                id.Value = bookmarkIds[i];
                using var reader = select.ExecuteReader();
                return Task.FromResult(reader.Read() ? WorkflowStateSerializer.DeserializeBookmark(reader.GetString(0)) : null);
            });
            reads.Add(("same row, kept-open connection, prepared SELECT + deserialize", preparedLoop));
        }

        double Mean(double sum) => sum / count;
        return new AnatomyResult(Phases.Select((p, i) => (p, Mean(asStore[i]), Mean(prepared[i]))).ToList(),
            walBytesPerCommit, reads, checkpointEvery, checkpoints.Count == 0 ? double.NaN : checkpoints.Average(),
            checkpoints.Count == 0 ? double.NaN : checkpoints.Max());
    }

    private static async Task<double> TimeEach<T>(int count, int warmUp, Func<int, Task<T>> body)
    {
        for (var i = 0; i < warmUp; i++) await body(i);
        var start = Stopwatch.GetTimestamp();
        for (var i = warmUp; i < warmUp + count; i++) await body(i);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / count;
    }

    private static void Commit(WorkflowStepResult step, Func<SqliteConnection> connect, bool owned, Dictionary<string, SqliteCommand>? cache, double[]? phases)
    {
        var t = new long[Phases.Length + 1];
        t[0] = Stopwatch.GetTimestamp();
        var state = step.State;
        var json = WorkflowStateSerializer.Serialize(state);
        var bookmark = step.AddedBookmarks[0];
        var bookmarkJson = WorkflowStateSerializer.Serialize(bookmark);
        t[1] = Stopwatch.GetTimestamp();
        var connection = connect();
        t[2] = Stopwatch.GetTimestamp();
        try
        {
            using var tx = connection.BeginTransaction();
            t[3] = Stopwatch.GetTimestamp();
            Run(connection, tx, cache, InsertInstance, state.Id, state.DefinitionId, state.DefinitionVersionId, state.DefinitionVersion, state.Name,
                state.CorrelationId, state.Status.ToString(), state.SubStatus.ToString(), state.Incidents.Count,
                SortableDateTimeOffset.Format(state.CreatedAt), SortableDateTimeOffset.Format(state.UpdatedAt), null, 1L, json);
            t[4] = Stopwatch.GetTimestamp();
            Run(connection, tx, cache, UpsertBookmark, bookmark.Id, bookmark.WorkflowInstanceId, bookmark.Name, bookmark.Hash, bookmark.CorrelationId,
                bookmark.ActivityInstanceId, null, SortableDateTimeOffset.Format(bookmark.CreatedAt), bookmarkJson);
            t[5] = Stopwatch.GetTimestamp();
            foreach (var e in step.Journal)
                Run(connection, tx, cache, InsertJournal, state.Id, e.Sequence, e.ActivityInstanceId, e.ActivityId, e.ActivityNodeId, e.ActivityType,
                    e.ActivityName, e.EventName, e.Outcome, e.Message, SortableDateTimeOffset.Format(e.Timestamp));
            t[6] = Stopwatch.GetTimestamp();
            tx.Commit();
            t[7] = Stopwatch.GetTimestamp();
        }
        finally
        {
            if (owned) connection.Dispose();
        }
        if (phases is null) return;
        for (var i = 0; i < Phases.Length; i++) phases[i] += Measure.Microseconds(t[i], t[i + 1]);
    }

    /// <summary>Binds positional values to the statement's parameters (in order of appearance) and executes it.</summary>
    private static void Run(SqliteConnection connection, SqliteTransaction tx, Dictionary<string, SqliteCommand>? cache, string sql, params object?[] values)
    {
        SqliteCommand cmd;
        if (cache is null || !cache.TryGetValue(sql, out cmd!))
        {
            cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var name in ParameterNames(sql)) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            if (cache is not null)
            {
                cmd.Prepare();
                cache[sql] = cmd;
            }
        }
        cmd.Transaction = tx;
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
        if (cache is null) cmd.Dispose();
    }

    private static IEnumerable<string> ParameterNames(string sql) =>
        System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct();

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteConnectionSetupInterceptor.Instance.Configure(connection);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long WalSize(string walPath) => File.Exists(walPath) ? new FileInfo(walPath).Length : 0;
}
