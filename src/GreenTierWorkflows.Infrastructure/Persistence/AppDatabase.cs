using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GreenTierWorkflows.Infrastructure.Persistence;

/// <summary>The database engines the app runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>One SQLite file (WAL): the embedded default, one app node.</summary>
    Sqlite,

    /// <summary>PostgreSQL: scale-out mode, several app nodes on one database.</summary>
    PostgreSql,
}

/// <summary>
/// Where the app's two databases live (the workflow store and the bureau's data share one database) and how EF Core and
/// the store's ADO.NET commit path connect to it. On SQLite both share the file's pragmas (WAL, <c>synchronous=FULL</c>);
/// on PostgreSQL the migrations come from <see cref="PostgreSqlMigrationsAssembly"/>, since EF Core keeps one migration
/// set per provider.
/// </summary>
public sealed record AppDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The assembly holding the PostgreSQL migrations of both contexts (loaded by name: it references this one).</summary>
    public const string PostgreSqlMigrationsAssembly = "GreenTierWorkflows.Infrastructure.PostgreSql";

    /// <summary>A SQLite file (created on first use), pooled connections.</summary>
    public static AppDatabase Sqlite(string databasePath) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databasePath), Pooling = true }.ToString());

    /// <summary>
    /// A PostgreSQL database; the connection string names an existing database the account may create tables in. Its sessions
    /// run with two settings of their own, each unless the connection string's <c>Options</c> already set it (an operator's
    /// choice wins), as the bureau's queries are short and index-driven:
    /// <list type="bullet">
    /// <item><c>-c jit=off</c>: JIT compilation fires on the plan's cost estimate, so a dashboard count over the year's 100k
    /// nominations spent 382 ms compiling to run in 337 ms (1,196 ms with JIT, measured with EXPLAIN ANALYZE);</item>
    /// <item><c>-c max_parallel_workers_per_gather=0</c>: a batch of 1,000 members of 培育梯度's ladder was planned with two
    /// parallel workers and took 8–10 ms, most of it starting them, against 2.8–3.4 ms serially (EXPLAIN ANALYZE at 100k),
    /// and the 14 batches of a district's workbook spent 155 ms there.</item>
    /// </list>
    /// </summary>
    public static AppDatabase PostgreSql(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var (name, value) in SessionSettings)
            if (builder.Options is not { } options || !options.Contains(name, StringComparison.OrdinalIgnoreCase))
                builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? $"-c {name}={value}" : $"{builder.Options} -c {name}={value}";
        return new(DatabaseProvider.PostgreSql, builder.ConnectionString);
    }

    private static readonly (string Name, string Value)[] SessionSettings = [("jit", "off"), ("max_parallel_workers_per_gather", "0")];

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>
    /// Points <paramref name="builder"/> at this database. A list in a query (<c>ids.Contains(x.Id)</c>) is sent as ONE
    /// parameter (a JSON array on SQLite, an array on PostgreSQL) instead of EF Core 10's default of one parameter per
    /// element: at national scale a list of every member or nomination id would pass SQLite's 32,766 and PostgreSQL's
    /// 65,535 variables and the query would fail ("too many SQL variables").
    /// </summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder) => Provider switch
    {
        DatabaseProvider.Sqlite => builder.UseSqlite(ConnectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(SqliteConnectionSetupInterceptor.Instance),
        DatabaseProvider.PostgreSql => builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly)
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)),
        _ => throw new InvalidOperationException($"Unknown database provider {Provider}."),
    };

    /// <summary>An open ADO.NET connection (pooled) with the same settings EF Core's connections get.</summary>
    public DbConnection OpenConnection()
    {
        DbConnection connection = IsPostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            SqliteConnectionSetupInterceptor.Instance.Configure(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The settings as configured: <c>Data:Provider</c> (<c>Sqlite</c> default, or <c>PostgreSql</c> with
    /// <c>ConnectionStrings:GreenTier</c>), else the SQLite file at <paramref name="sqlitePath"/>.</summary>
    public static AppDatabase FromSettings(string? provider, string? postgreSqlConnectionString, string sqlitePath)
    {
        if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase))
            return Sqlite(sqlitePath);
        if (!string.Equals(provider, nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Data:Provider 只能是 Sqlite 或 PostgreSql，当前为「{provider}」。");
        if (string.IsNullOrWhiteSpace(postgreSqlConnectionString))
            throw new InvalidOperationException("Data:Provider=PostgreSql 需要连接字符串 ConnectionStrings:GreenTier。");
        return PostgreSql(postgreSqlConnectionString);
    }
}

/// <summary>
/// Serializes the start-up work of app nodes that share a PostgreSQL database (migrations, seeding, workflow import):
/// a session advisory lock held on its own connection until disposed. Nodes starting together take turns, and each
/// finds what the one before it created. On SQLite (one node) it holds nothing.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    private const long Key = AdvisoryLockKeys.StartUp;
    private readonly DbConnection? _connection;

    private StartupLock(DbConnection? connection) => _connection = connection;

    public static async Task<StartupLock> AcquireAsync(AppDatabase database, CancellationToken ct = default)
    {
        if (!database.IsPostgreSql) return new StartupLock(null);
        var connection = new NpgsqlConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Waits as long as the node before it needs (migrations on a loaded machine can take minutes): no command
            // timeout, only the host's cancellation. With Npgsql's default of 30 s a waiting node crashed at start-up.
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key});", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        // Closing the session releases the lock too; unlocking first hands it over without waiting for the pool.
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_unlock({Key});";
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
