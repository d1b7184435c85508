using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// Group commit on a real SQLite file: steps that arrive while the writer is busy are committed together (one transaction,
/// one fsync), each in its own savepoint. Another connection holds SQLite's write lock so the steps queue up deterministically.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtw-group-" + Guid.NewGuid().ToString("N"));
    private readonly EfWorkflowStore _store;

    public SqliteGroupCommitTests() => _store = EfWorkflowStore.CreateSqlite(DatabasePath);

    private string DatabasePath => Path.Combine(_directory, "workflows.db");

    /// <summary>Starts <paramref name="commits"/> while another connection holds the write lock; releases it once all are queued.</summary>
    private async Task<Outcome[]> CommitWhileWriterIsBlockedAsync(params WorkflowStepCommit[] commits)
    {
        await using var blocker = new SqliteConnection(EfWorkflowStore.SqliteConnectionString(DatabasePath));
        await blocker.OpenAsync();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        var tasks = commits.Select(c => Task.Run(() => Settle(_store.CommitAsync(c)))).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(4); // within the writer's busy_timeout (5 s)
        while (_store.StepsInFlight < commits.Length && DateTime.UtcNow < deadline) await Task.Delay(5);
        Assert.Equal(commits.Length, _store.StepsInFlight); // every step is waiting: none could commit past the lock

        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        var outcomes = await Task.WhenAll(tasks);
        Assert.Equal(0, _store.StepsInFlight);
        return outcomes;
    }

    private sealed record Outcome(long? Stamp, Exception? Error);

    private static async Task<Outcome> Settle(Task<long> commit)
    {
        try { return new Outcome(await commit, null); }
        catch (Exception e) { return new Outcome(null, e); }
    }

    [Fact]
    public async Task ConcurrentSteps_AreCommittedInFewerTransactions_AndAConflictFailsOnlyItsOwnStep()
    {
        await _store.CommitAsync(NewInstance(State("shared"), [Bookmark("shared-wait", "shared")]));
        await _store.CommitAsync(NewInstance(State("stale")));
        await _store.CommitAsync(new WorkflowStepCommit(State("stale", name: "第二步"), 1, [], [], []));
        var before = _store.TransactionsCommitted;

        var commits = Enumerable.Range(0, 8)
            .Select(i => NewInstance(State($"new-{i}"), [Bookmark($"new-{i}-wait", $"new-{i}")], [Journal($"new-{i}", 1)]))
            .Append(new WorkflowStepCommit(State("stale", name: "过期"), 1, [Bookmark("stale-b", "stale")], [], [Journal("stale", 9)])) // stamp is 2 now
            .Append(new WorkflowStepCommit(State("shared", name: "甲", subStatus: WorkflowSubStatus.Finished), 1, [], ["shared-wait"], [Journal("shared", 1)]))
            .Append(new WorkflowStepCommit(State("shared", name: "乙", subStatus: WorkflowSubStatus.Finished), 1, [], ["shared-wait"], [Journal("shared", 1)]))
            .ToArray();
        var outcomes = await CommitWhileWriterIsBlockedAsync(commits);

        // Eleven steps, at most two transactions: the first leader's group, then everything that queued behind it.
        Assert.InRange(_store.TransactionsCommitted - before, 1, 2);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(1, outcomes[i].Stamp);
            Assert.NotNull(await _store.FindInstanceAsync($"new-{i}"));
            Assert.NotNull(await _store.FindBookmarkAsync($"new-{i}-wait"));
            Assert.Equal(1, (await _store.ListJournalAsync($"new-{i}", 0, 10)).TotalCount);
        }

        Assert.IsType<ConcurrencyConflictException>(outcomes[8].Error);
        Assert.Equal("第二步", (await _store.FindInstanceAsync("stale"))!.State.Name);
        Assert.Null(await _store.FindBookmarkAsync("stale-b"));
        Assert.Equal(0, (await _store.ListJournalAsync("stale", 0, 10)).TotalCount);

        // Two resumes of one instance from the same stamp in one group: exactly one proceeds.
        var shared = outcomes[9..];
        Assert.Single(shared, o => o.Stamp == 2);
        Assert.Single(shared, o => o.Error is ConcurrencyConflictException);
        var winner = outcomes[9].Stamp == 2 ? "甲" : "乙";
        var stored = await _store.FindInstanceAsync("shared");
        Assert.Equal((2L, winner), (stored!.Stamp, stored.State.Name));
        Assert.NotNull((await _store.FindBookmarkAsync("shared-wait"))!.ConsumedAt);
        Assert.Equal(1, (await _store.ListJournalAsync("shared", 0, 10)).TotalCount);
    }

    [Fact]
    public async Task AStepThatCannotBeWritten_FailsAlone_AndTheRestOfItsGroupIsCommitted()
    {
        var refused = Bookmark("bad-wait", "bad") with { Hash = null! }; // a required column without a value: the statement is refused
        var commits = Enumerable.Range(0, 5)
            .Select(i => NewInstance(State($"ok-{i}"), [Bookmark($"ok-{i}-wait", $"ok-{i}")], [Journal($"ok-{i}", 1)]))
            .Append(NewInstance(State("bad"), [refused], [Journal("bad", 1)]))
            .ToArray();

        var outcomes = await CommitWhileWriterIsBlockedAsync(commits);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, outcomes[i].Stamp);
            Assert.NotNull(await _store.FindBookmarkAsync($"ok-{i}-wait"));
        }
        Assert.NotNull(outcomes[5].Error);
        Assert.IsNotType<ConcurrencyConflictException>(outcomes[5].Error); // the error itself, not a conflict
        Assert.Null(await _store.FindInstanceAsync("bad"));
        Assert.Equal(0, (await _store.ListJournalAsync("bad", 0, 10)).TotalCount);

        // The store goes on committing afterwards.
        Assert.Equal(1, await _store.CommitAsync(NewInstance(State("after"))));
    }

    [Fact]
    public async Task ALoneStep_IsOneTransaction()
    {
        var before = _store.TransactionsCommitted;
        for (var i = 0; i < 3; i++) await _store.CommitAsync(NewInstance(State($"solo-{i}")));
        Assert.Equal(3, _store.TransactionsCommitted - before);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
