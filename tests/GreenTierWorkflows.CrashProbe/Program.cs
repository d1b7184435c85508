using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.CrashProbe;

/// <summary>
/// Usage: <c>GreenTierWorkflows.CrashProbe DB_PATH CALLERS</c>, or <c>GreenTierWorkflows.CrashProbe decide …</c> (see
/// <see cref="DecisionProbe"/>). An explicit entry point, not top-level statements: with the ASP.NET Core framework
/// referenced, a top-level <c>Program</c> would be made public and clash with the web host's in the test project.
/// </summary>
internal static class ProbeProgram
{
    private static readonly object Gate = new();

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "decide") return await DecisionProbe.RunAsync(args, Say);
        if (args.Length != 2) return 2;
        await GroupCommitAsync(args[0], int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>
    /// Each caller loops: commit a new instance (stamp 1: a waiting bookmark and two journal rows), print "started ID",
    /// commit its resume (stamp 2: the bookmark consumed, a third journal row), print "resumed ID". A line is printed only
    /// after CommitAsync returned, i.e. after the step was acknowledged. The crash test kills this process mid-stream.
    /// </summary>
    private static async Task GroupCommitAsync(string databasePath, int callers)
    {
        using var store = EfWorkflowStore.CreateSqlite(databasePath);
        Say("ready");
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var n = 0; ; n++)
            {
                var id = $"c{caller}-{n}";
                var bookmark = Bookmark(id + "-wait", id, hash: "crash-" + id);
                await store.CommitAsync(NewInstance(State(id), [bookmark], [Journal(id, 1), Journal(id, 2)]));
                Say("started " + id);
                await store.CommitAsync(new WorkflowStepCommit(State(id, subStatus: WorkflowSubStatus.Finished), 1, [], [bookmark.Id], [Journal(id, 3)]));
                Say("resumed " + id);
            }
        })));
    }

    /// <summary>Writes one line to standard output at once (callers run concurrently) and flushes it.</summary>
    private static void Say(string line)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
