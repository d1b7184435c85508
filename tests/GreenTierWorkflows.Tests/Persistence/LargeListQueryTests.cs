using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// A query filtering by a list of ids (every member of the city's pool, every nomination of a year) works at any list
/// size on both engines: the list travels as one parameter. With EF Core 10's default (one parameter per element) 70,000
/// ids exceed SQLite's 32,766 and PostgreSQL's 65,535 bound variables and the query fails.
/// </summary>
public sealed class LargeListQueryTests
{
    private static readonly List<string> SeventyThousandIds = [.. Enumerable.Range(0, 70_000).Select(i => $"n-{i:D6}")];

    [Fact]
    public async Task Sqlite_FiltersBySeventyThousandIds()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gtw-largelist-{Guid.NewGuid():N}.db");
        try
        {
            Assert.Equal(0, await CountMatchingAsync(AppDatabase.Sqlite(path)));
        }
        finally
        {
            SqliteTestDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task PostgreSql_FiltersBySeventyThousandIds()
    {
        using var postgres = new TestPostgresDatabase();
        Assert.Equal(0, await CountMatchingAsync(AppDatabase.PostgreSql(postgres.ConnectionString)));
    }

    /// <summary>
    /// The app's PostgreSQL sessions run without JIT (it compiled for longer than a dashboard count ran) and without parallel
    /// workers (starting them cost more than a ladder batch's serial plan), an operator's own <c>Options</c> are kept, and an
    /// explicit setting of either in them wins.
    /// </summary>
    [Fact]
    public async Task PostgreSql_SessionsRunWithoutJitOrParallelWorkers_KeepingTheOperatorsOptions()
    {
        using var postgres = new TestPostgresDatabase();
        string With(string options) => new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Options = options }.ConnectionString;
        Assert.Equal(("off", "0"), await JitAndWorkersAsync(postgres.ConnectionString));
        Assert.Equal(("off", "0"), await JitAndWorkersAsync(With("-c work_mem=8MB")));
        Assert.Equal("8MB", await ShowAsync(AppDatabase.PostgreSql(With("-c work_mem=8MB")), "work_mem"));
        Assert.Equal(("on", "0"), await JitAndWorkersAsync(With("-c jit=on")));
        Assert.Equal(("off", "2"), await JitAndWorkersAsync(With("-c max_parallel_workers_per_gather=2")));
    }

    private static async Task<(string Jit, string Workers)> JitAndWorkersAsync(string connectionString) =>
        (await ShowAsync(AppDatabase.PostgreSql(connectionString), "jit"), await ShowAsync(AppDatabase.PostgreSql(connectionString), "max_parallel_workers_per_gather"));

    private static async Task<string> ShowAsync(AppDatabase database, string setting)
    {
        using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SHOW {setting}";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> CountMatchingAsync(AppDatabase database)
    {
        var options = (DbContextOptions<GreenTierDbContext>)database.Configure(new DbContextOptionsBuilder<GreenTierDbContext>()).Options;
        await using var db = new GreenTierDbContext(options);
        await db.Database.MigrateAsync();
        var ids = SeventyThousandIds;
        return await db.Nominations.CountAsync(n => ids.Contains(n.Id)) + await db.PoolMemberships.CountAsync(m => ids.Contains(m.Id));
    }
}
