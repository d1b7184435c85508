using GreenTierWorkflows.Infrastructure.Persistence;
using Npgsql;

namespace GreenTierWorkflows.Tests.ScaleOut;

/// <summary>
/// The start-up lock nodes take on PostgreSQL: a node must wait for the one before it however long its migrations take
/// on a loaded machine. It used to give up after Npgsql's command timeout (30 s) and the waiting node crashed with
/// "Timeout during reading attempt" (seen in ScaleOutTests while other builds ran).
/// </summary>
public sealed class StartupLockTests : IDisposable
{
    private readonly TestPostgresDatabase _database = new();

    [Fact]
    public async Task AcquireAsync_WaitsBeyondTheCommandTimeout_ForTheNodeHoldingTheLock()
    {
        // A 2-second command timeout stands in for the default 30 s, so the test need not take minutes.
        var shortTimeout = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { CommandTimeout = 2 }.ConnectionString;
        var database = AppDatabase.PostgreSql(shortTimeout);

        var first = await StartupLock.AcquireAsync(database);
        var second = StartupLock.AcquireAsync(database);
        await Task.Delay(TimeSpan.FromSeconds(5)); // longer than the command timeout
        Assert.False(second.IsCompleted, second.Exception?.ToString() ?? "the second node got the lock while the first held it");

        await first.DisposeAsync();
        await using var acquired = await second.WaitAsync(TimeSpan.FromMinutes(1));
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _database.Dispose();
    }
}
