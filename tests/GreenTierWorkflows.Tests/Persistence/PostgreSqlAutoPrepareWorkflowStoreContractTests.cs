using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// The store contract on PostgreSQL with Npgsql's automatic preparation on from a statement's first use
/// (<c>Max Auto Prepare</c>, a setting Npgsql recommends and an operator may add to the connection string). The store
/// keeps its commands per SQL text; a prepared command kept the parameter objects it was first run with, so with new
/// objects per call the 6th decision read the 5th task's bookmark and was refused as already decided (409).
/// </summary>
public sealed class PostgreSqlAutoPrepareWorkflowStoreContractTests : WorkflowStoreContractTests, IDisposable
{
    private const string AutoPrepare = ";Max Auto Prepare=50;Auto Prepare Min Usages=1";
    private readonly TestPostgresDatabase _database;

    public PostgreSqlAutoPrepareWorkflowStoreContractTests() : this(new TestPostgresDatabase()) { }

    private PostgreSqlAutoPrepareWorkflowStoreContractTests(TestPostgresDatabase database)
        : base(clock => EfWorkflowStore.Create(AppDatabase.PostgreSql(database.ConnectionString + AutoPrepare), clock)) => _database = database;

    protected override IWorkflowStore Reopen() => EfWorkflowStore.Create(AppDatabase.PostgreSql(_database.ConnectionString + AutoPrepare), Clock);

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        _database.Dispose();
    }
}
