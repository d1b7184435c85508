using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GreenTierWorkflows.Runtime.Execution;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>The store contract against <see cref="EfWorkflowStore"/> on a real SQLite file in a temporary directory.</summary>
public sealed class SqliteWorkflowStoreContractTests : WorkflowStoreContractTests, IDisposable
{
    private readonly string _directory;

    public SqliteWorkflowStoreContractTests() : this(Path.Combine(Path.GetTempPath(), "gtw-store-" + Guid.NewGuid().ToString("N"))) { }

    private SqliteWorkflowStoreContractTests(string directory)
        : base(clock => EfWorkflowStore.CreateSqlite(Path.Combine(directory, "data", "workflows.db"), clock)) => _directory = directory;

    private string DatabasePath => Path.Combine(_directory, "data", "workflows.db");

    protected override IWorkflowStore Reopen() => EfWorkflowStore.CreateSqlite(DatabasePath, Clock);

    [Fact]
    public async Task CreateSqlite_CreatesMigratedWalDatabase_InANewDirectory()
    {
        await using var connection = new SqliteConnection(EfWorkflowStore.SqliteConnectionString(DatabasePath));
        await connection.OpenAsync();

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.EndsWith("_InitialWorkflowStore", await ScalarAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory;"));
    }

    [Fact]
    public async Task ConfigureSqlite_SetsSynchronousNormalAndBusyTimeout_OnEveryOpenedConnection()
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        WorkflowDbContext.ConfigureSqlite(builder, EfWorkflowStore.SqliteConnectionString(DatabasePath));
        for (var i = 0; i < 2; i++)
        {
            await using var db = new WorkflowDbContext(builder.Options);
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();

            Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous;")); // FULL: durable commits
            Assert.Equal("5000", await ScalarAsync(connection, "PRAGMA busy_timeout;"));
        }
    }

    [Fact]
    public async Task CreateSqlite_StoresDatesAsSortableUtcText_KeepingNonZeroOffsets()
    {
        await Store.SaveDefinitionsAsync([
            StoreTestData.Definition("utc", 1, createdAt: new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero)),
            StoreTestData.Definition("east", 1, createdAt: new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8))),
        ]);
        await using var connection = new SqliteConnection(EfWorkflowStore.SqliteConnectionString(DatabasePath));
        await connection.OpenAsync();

        Assert.Equal("2026-03-01T02:00:00.0000000Z", await ScalarAsync(connection, "SELECT CreatedAt FROM WorkflowDefinitions WHERE Id = 'utc-v1';"));
        Assert.Equal("2026-03-01T02:00:00.0000000Z+08:00", await ScalarAsync(connection, "SELECT CreatedAt FROM WorkflowDefinitions WHERE Id = 'east-v1';"));
    }

    [Fact]
    public async Task AddSqliteWorkflowStore_ReplacesInMemoryStore_WithOneMigratedStoreForEveryContract()
    {
        var services = new ServiceCollection();
        services.AddWorkflowRuntime();
        services.AddSqliteWorkflowStore(EfWorkflowStore.SqliteConnectionString(Path.Combine(_directory, "di.db")));
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IWorkflowStore>();
        await store.SaveDefinitionsAsync([StoreTestData.Definition("leave", 1, isLatest: true)]);

        Assert.IsType<EfWorkflowStore>(store);
        Assert.Same(store, provider.GetRequiredService<IWorkflowDefinitionStore>());
        Assert.Same(store, provider.GetRequiredService<IWorkflowInstanceStore>());
        Assert.Same(store, provider.GetRequiredService<IBookmarkStore>());
        Assert.Same(store, provider.GetRequiredService<IWorkflowJournalStore>());
        Assert.Same(store, provider.GetRequiredService<ITriggerStore>());
        Assert.Same(store, provider.GetRequiredService<GreenTierWorkflows.Runtime.Management.WorkflowRuntime>().Store);
        Assert.Equal(1, (await store.FindDefinitionAsync("leave", VersionOptions.Latest))?.Version);
        SqliteConnection.ClearPool(new SqliteConnection(EfWorkflowStore.SqliteConnectionString(Path.Combine(_directory, "di.db"))));
    }

    [Fact]
    public async Task StimulusLookup_ReadsTheActiveBookmarkIndex_AndConsumingABookmarkTakesItOut()
    {
        await Store.CommitAsync(NewInstance(State("plan"), [Bookmark("plan-wait", "plan", hash: "hash-plan")]));
        await using var connection = new SqliteConnection(EfWorkflowStore.SqliteConnectionString(DatabasePath));
        await connection.OpenAsync();

        // The runtime's stimulus query (active bookmarks of one hash) is answered from the partial index, not a scan.
        var plan = await QueryPlanAsync(connection, "SELECT Json FROM Bookmarks WHERE Hash = 'hash-plan' AND ConsumedAt IS NULL;");
        Assert.Contains("USING INDEX IX_Bookmarks_Hash (Hash=?)", plan);
        Assert.Equal("1", await ScalarAsync(connection, "SELECT count(*) FROM Bookmarks INDEXED BY IX_Bookmarks_Hash WHERE Hash = 'hash-plan' AND ConsumedAt IS NULL;"));

        await Store.CommitAsync(new WorkflowStepCommit(State("plan", subStatus: WorkflowSubStatus.Finished), 1, [], ["plan-wait"], []));

        Assert.Empty(await Store.FindBookmarksByHashAsync("hash-plan"));
        Assert.Equal("0", await ScalarAsync(connection, "SELECT count(*) FROM Bookmarks INDEXED BY IX_Bookmarks_Hash WHERE Hash = 'hash-plan' AND ConsumedAt IS NULL;"));
        Assert.NotNull((await Store.FindBookmarkAsync("plan-wait"))!.ConsumedAt); // kept, so a second resume is told "already resumed"
    }

    private static async Task<string> QueryPlanAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<string>();
        while (await reader.ReadAsync()) details.Add(reader.GetString(reader.GetOrdinal("detail")));
        return string.Join(" | ", details);
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearPool(new SqliteConnection(EfWorkflowStore.SqliteConnectionString(DatabasePath)));
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { } // best effort: a temp directory
    }
}
