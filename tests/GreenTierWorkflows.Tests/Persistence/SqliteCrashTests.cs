using System.Diagnostics;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Execution;
using Microsoft.Data.Sqlite;

namespace GreenTierWorkflows.Tests.Persistence;

/// <summary>
/// A real crash: a child process (<c>GreenTierWorkflows.CrashProbe</c>) commits steps from eight concurrent callers on a
/// SQLite file, so they are group-committed, and is killed (SIGKILL) mid-stream. Afterwards every acknowledged step is
/// there, and every instance is exactly at one step boundary: nothing half-written, nothing applied twice.
/// </summary>
public sealed class SqliteCrashTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtw-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task KilledWhileGroupCommitting_KeepsEveryAcknowledgedStep_AndNoHalfStep()
    {
        var database = Path.Combine(_directory, "workflows.db");
        var probe = Path.Combine(AppContext.BaseDirectory, "GreenTierWorkflows.CrashProbe.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { probe, database, "8" }) start.ArgumentList.Add(arg);

        var started = new HashSet<string>();
        var resumed = new HashSet<string>();
        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (resumed.Count < 400)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow)
                    ?? throw new InvalidOperationException("The probe ended early: " + await errors);
                if (line.StartsWith("started ", StringComparison.Ordinal)) started.Add(line[8..]);
                else if (line.StartsWith("resumed ", StringComparison.Ordinal)) resumed.Add(line[8..]);
            }
            process.Kill(entireProcessTree: true); // SIGKILL: no disposal, no final commit
            await process.WaitForExitAsync();
        }

        SqliteConnection.ClearAllPools();
        using var store = EfWorkflowStore.CreateSqlite(database);
        var instances = await store.ListInstancesAsync(new GreenTierWorkflows.Runtime.Persistence.WorkflowInstanceFilter(), 0, 100_000);
        Assert.True(instances.TotalCount >= started.Count, $"{instances.TotalCount} instances stored, {started.Count} starts acknowledged");

        foreach (var id in started) Assert.NotNull(await store.FindInstanceAsync(id)); // nothing acknowledged is lost
        var checkedInstances = 0;
        foreach (var summary in instances.Items)
        {
            var instance = (await store.FindInstanceAsync(summary.Id))!;
            var bookmark = (await store.FindBookmarkAsync(summary.Id + "-wait"))!;
            var journal = (await store.ListJournalAsync(summary.Id, 0, 10)).TotalCount;
            if (instance.Stamp == 1)
            {
                Assert.DoesNotContain(summary.Id, resumed); // an acknowledged resume never goes back
                Assert.Equal((WorkflowSubStatus.Suspended, (DateTimeOffset?)null, 2L), (instance.State.SubStatus, bookmark.ConsumedAt, journal));
            }
            else
            {
                Assert.Equal(2, instance.Stamp);
                Assert.Equal(WorkflowSubStatus.Finished, instance.State.SubStatus);
                Assert.NotNull(bookmark.ConsumedAt);
                Assert.Equal(3L, journal);
            }
            checkedInstances++;
        }
        Assert.Equal(instances.TotalCount, checkedInstances);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
