using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// The store contract against <see cref="EfWorkflowStore"/> on a real PostgreSQL database (scale-out mode), migrated by
/// the PostgreSQL migration set; each test on a database of its own.
/// </summary>
public sealed class PostgreSqlWorkflowStoreContractTests : WorkflowStoreContractTests, IDisposable
{
    private readonly TestPostgresDatabase _database;

    public PostgreSqlWorkflowStoreContractTests() : this(new TestPostgresDatabase()) { }

    private PostgreSqlWorkflowStoreContractTests(TestPostgresDatabase database)
        : base(clock => EfWorkflowStore.Create(AppDatabase.PostgreSql(database.ConnectionString), clock)) => _database = database;

    protected override IWorkflowStore Reopen() => EfWorkflowStore.Create(AppDatabase.PostgreSql(_database.ConnectionString), Clock);

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        _database.Dispose();
    }
}
