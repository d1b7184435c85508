using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace GreenTierWorkflows.Bench;

internal sealed record RawCommitResult(string Variant, LoopResult Loop);

/// <summary>
/// The physical limit: one INSERT per transaction with plain Microsoft.Data.Sqlite, on a fresh file with the store's
/// pragmas (WAL set on the file as <see cref="EfWorkflowStore.Migrate"/> does; per connection
/// <see cref="SqliteConnectionSetupInterceptor.ConnectionPragmas"/>). Transactions come from BeginTransaction() (BEGIN IMMEDIATE), as in the store.
/// </summary>
internal static class RawCommitBench
{
    public const string FilePragmas = "PRAGMA journal_mode=WAL;";

    public static async Task<IReadOnlyList<RawCommitResult>> RunAsync(BenchHost host, int count, int warmUp)
    {
        var results = new List<RawCommitResult>
        {
            await RunVariantAsync(host, "kept-open connection, prepared INSERT, 16-byte row (the limit)", count, warmUp, keepOpen: true, payloadBytes: 16),
            await RunVariantAsync(host, "pooled connection opened per transaction (as the store's commit path)", count, warmUp, keepOpen: false, payloadBytes: 16),
            await RunVariantAsync(host, "kept-open connection, 2 KB row", count, warmUp, keepOpen: true, payloadBytes: 2048),
        };
        return results;
    }

    private static async Task<RawCommitResult> RunVariantAsync(BenchHost host, string name, int count, int warmUp, bool keepOpen, int payloadBytes)
    {
        var path = host.NewDatabasePath("raw");
        var connectionString = EfWorkflowStore.SqliteConnectionString(path);
        using (var setup = Open(connectionString))
        {
            Execute(setup, FilePragmas);
            Execute(setup, "CREATE TABLE \"Rows\" (\"Id\" INTEGER PRIMARY KEY, \"Key\" TEXT NOT NULL, \"Payload\" TEXT NOT NULL);");
        }

        var payload = new string('x', payloadBytes);
        SqliteConnection? shared = keepOpen ? Open(connectionString) : null;
        SqliteCommand? prepared = null;
        if (shared is not null)
        {
            prepared = shared.CreateCommand();
            prepared.CommandText = "INSERT INTO \"Rows\" (\"Key\", \"Payload\") VALUES (@key, @payload);";
            prepared.Parameters.Add("@key", SqliteType.Text);
            prepared.Parameters.Add("@payload", SqliteType.Text);
            prepared.Prepare();
        }

        var next = 0;
        Task Commit(int _)
        {
            var key = (next++).ToString("x16");
            if (shared is not null)
            {
                using var tx = shared.BeginTransaction();
                prepared!.Transaction = tx;
                prepared.Parameters[0].Value = key;
                prepared.Parameters[1].Value = payload;
                prepared.ExecuteNonQuery();
                tx.Commit();
            }
            else
            {
                using var connection = Open(connectionString);
                using var tx = connection.BeginTransaction();
                using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO \"Rows\" (\"Key\", \"Payload\") VALUES (@key, @payload);";
                cmd.Parameters.AddWithValue("@key", key);
                cmd.Parameters.AddWithValue("@payload", payload);
                cmd.ExecuteNonQuery();
                tx.Commit();
            }
            return Task.CompletedTask;
        }

        try
        {
            await Measure.WarmUpAsync(warmUp, Commit);
            var loop = await Measure.LoopAsync(count, Commit);
            using var check = Open(connectionString);
            var rows = Scalar(check, "SELECT COUNT(*) FROM \"Rows\";");
            if (rows != count + warmUp) throw new InvalidOperationException($"Raw bench wrote {rows} rows, expected {count + warmUp}.");
            string? mode;
            using (var cmd = new SqliteCommand("PRAGMA journal_mode;", check)) mode = cmd.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)) throw new InvalidOperationException($"journal_mode is {mode}, expected wal.");
            return new RawCommitResult(name, loop);
        }
        finally
        {
            prepared?.Dispose();
            shared?.Dispose();
        }
    }

    /// <summary>Opens a (pooled) connection and gives it the store's per-connection pragmas.</summary>
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

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The raw limit's kept-open variant as an object, so the harness can alternate blocks of raw commits with blocks of
/// workflow steps (drift in fsync latency then hits both sides alike).
/// </summary>
internal sealed class RawCommitter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly string _payload;
    private long _next;

    public RawCommitter(BenchHost host, int payloadBytes = 16)
    {
        var connectionString = EfWorkflowStore.SqliteConnectionString(host.NewDatabasePath("raw-interleaved"));
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = RawCommitBench.FilePragmas + " CREATE TABLE \"Rows\" (\"Id\" INTEGER PRIMARY KEY, \"Key\" TEXT NOT NULL, \"Payload\" TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }
        SqliteConnectionSetupInterceptor.Instance.Configure(_connection);
        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO \"Rows\" (\"Key\", \"Payload\") VALUES (@key, @payload);";
        _insert.Parameters.Add("@key", SqliteType.Text);
        _insert.Parameters.Add("@payload", SqliteType.Text);
        _insert.Prepare();
        _payload = new string('x', payloadBytes);
    }

    /// <summary>One durable one-row transaction (BEGIN IMMEDIATE, INSERT, COMMIT with fsync).</summary>
    public Task CommitAsync(int _)
    {
        using var tx = _connection.BeginTransaction();
        _insert.Transaction = tx;
        _insert.Parameters[0].Value = (_next++).ToString("x16");
        _insert.Parameters[1].Value = _payload;
        _insert.ExecuteNonQuery();
        tx.Commit();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }
}

