using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Tests.Persistence.StoreTestData;

// Usage: GreenTierWorkflows.CrashProbe DB_PATH CALLERS
// Each caller loops: commit a new instance (stamp 1: a waiting bookmark and two journal rows), print "started ID",
// commit its resume (stamp 2: the bookmark consumed, a third journal row), print "resumed ID". A line is printed only
// after CommitAsync returned, i.e. after the step was acknowledged. The crash test kills this process mid-stream.
if (args.Length != 2) return 2;
using var store = EfWorkflowStore.CreateSqlite(args[0]);
var output = Console.Out;
var gate = new object();
void Say(string line)
{
    lock (gate)
    {
        output.WriteLine(line);
        output.Flush();
    }
}

var callers = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
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
return 0;
