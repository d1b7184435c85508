using GreenTierWorkflows.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace GreenTierWorkflows.Bench;

internal sealed record RawCommitResult(string Variant, LoopResult Loop);

/// <summary>
/// The physical limit: one INSERT per transaction with plain Microsoft.Data.Sqlite, on a file with the store's
/// pragmas, whose WAL has wrapped once (see <see cref="RawCommitter"/>) as the store's has after its first checkpoint (WAL set on the file as <see cref="EfWorkflowStore.Migrate"/> does; per connection
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
        using var raw = new RawCommitter(host, "raw", payloadBytes);
        Func<int, Task> commit = keepOpen ? raw.CommitAsync : raw.CommitOnPooledConnectionAsync;
        await Measure.WarmUpAsync(warmUp, commit);
        var loop = await Measure.LoopAsync(count, commit);

        using var check = Open(raw.ConnectionString);
        var rows = Scalar(check, "SELECT COUNT(*) FROM \"Rows\";");
        if (rows != count + warmUp) throw new InvalidOperationException($"Raw bench wrote {rows} rows, expected {count + warmUp}.");
        string? mode;
        using (var cmd = new SqliteCommand("PRAGMA journal_mode;", check)) mode = cmd.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)) throw new InvalidOperationException($"journal_mode is {mode}, expected wal.");
        return new RawCommitResult(name, loop);
    }

    /// <summary>Opens a (pooled) connection and gives it the store's per-connection pragmas.</summary>
    internal static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteConnectionSetupInterceptor.Instance.Configure(connection);
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// One raw-commit file (WAL, a one-table schema) with a kept-open connection and a prepared INSERT. As an object so the
/// harness can also alternate blocks of raw commits with blocks of workflow steps (fsync drift then hits both alike).
/// </summary>
internal sealed class RawCommitter : IDisposable
{
    private const string InsertSql = "INSERT INTO \"Rows\" (\"Key\", \"Payload\") VALUES (@key, @payload);";
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly string _payload;
    private readonly string _path;
    private long _next;

    public RawCommitter(BenchHost host, string name, int payloadBytes = 16)
    {
        _path = host.NewDatabasePath(name);
        ConnectionString = EfWorkflowStore.SqliteConnectionString(_path);
        _connection = RawCommitBench.Open(ConnectionString);
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = RawCommitBench.FilePragmas + " CREATE TABLE \"Rows\" (\"Id\" INTEGER PRIMARY KEY, \"Key\" TEXT NOT NULL, \"Payload\" TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }
        WrapWal();
        _insert = _connection.CreateCommand();
        _insert.CommandText = InsertSql;
        _insert.Parameters.Add("@key", SqliteType.Text);
        _insert.Parameters.Add("@payload", SqliteType.Text);
        _insert.Prepare();
        _payload = new string('x', payloadBytes);
    }

    public string ConnectionString { get; }

    /// <summary>
    /// Brings the file to the steady state the store runs in: the WAL has grown to its checkpoint size once, been
    /// checkpointed, and the next commits overwrite its already-allocated blocks from the start. On a fresh file every
    /// commit would instead extend the WAL, and fdatasync would also have to journal the file's new size (measured here:
    /// about 240 µs against 125 µs per one-row commit), which would understate the limit the store is compared with.
    /// </summary>
    private void WrapWal()
    {
        using (var tx = _connection.BeginTransaction())
        using (var ballast = _connection.CreateCommand())
        {
            ballast.Transaction = tx;
            ballast.CommandText = "CREATE TABLE \"Ballast\" (\"Payload\" BLOB NOT NULL); " +
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @pages) INSERT INTO \"Ballast\" SELECT zeroblob(4000) FROM n;";
            ballast.Parameters.AddWithValue("@pages", SqliteConnectionSetupInterceptor.WalAutoCheckpointPages + 100);
            ballast.ExecuteNonQuery();
            tx.Commit(); // past the auto-checkpoint threshold: this commit checkpoints the WAL
        }
        using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        checkpoint.ExecuteNonQuery();
    }

    /// <summary>One durable one-row transaction on the kept-open connection (BEGIN IMMEDIATE, INSERT, COMMIT with fsync).</summary>
    public Task CommitAsync(int _)
    {
        using var tx = _connection.BeginTransaction();
        _insert.Transaction = tx;
        _insert.Parameters[0].Value = NextKey();
        _insert.Parameters[1].Value = _payload;
        _insert.ExecuteNonQuery();
        tx.Commit();
        return Task.CompletedTask;
    }

    /// <summary>The same transaction on a pooled connection opened for it, with a new command.</summary>
    public Task CommitOnPooledConnectionAsync(int _)
    {
        using var connection = RawCommitBench.Open(ConnectionString);
        using var tx = connection.BeginTransaction();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = InsertSql;
        cmd.Parameters.AddWithValue("@key", NextKey());
        cmd.Parameters.AddWithValue("@payload", _payload);
        cmd.ExecuteNonQuery();
        tx.Commit();
        return Task.CompletedTask;
    }

    private string NextKey() => (_next++).ToString("x16");

    public void Dispose()
    {
        _insert.Dispose();
        SqliteConnection.ClearPool(_connection);
        _connection.Dispose();
        // Deleted right away: the ballast's 80 MB of dirty pages would otherwise be written back to the disk while later
        // sections measure fsync latency.
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_path + suffix); } catch (IOException) { }
        }
    }
}
