using System.Text.Json.Nodes;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;

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
        var now = DateTimeOffset.UtcNow;
        var bookmark = new Bookmark
        {
            Id = id + "-wait", WorkflowInstanceId = id, Name = "Elsa.Event", Hash = "crash-" + id, Payload = new JsonObject { ["eventName"] = "go" },
            ActivityId = "wait", ActivityNodeId = "flow:wait", ActivityInstanceId = id + "-ai", CreatedAt = now,
        };
        await store.CommitAsync(new WorkflowStepCommit(State(id, WorkflowSubStatus.Suspended, now), null, [bookmark], [], [Journal(id, 1, now), Journal(id, 2, now)]));
        Say("started " + id);
        await store.CommitAsync(new WorkflowStepCommit(State(id, WorkflowSubStatus.Finished, now), 1, [], [bookmark.Id], [Journal(id, 3, now)]));
        Say("resumed " + id);
    }
})));
return 0;

static WorkflowState State(string id, WorkflowSubStatus subStatus, DateTimeOffset now) => new()
{
    Id = id, DefinitionId = "crash", DefinitionVersionId = "crash-v1", DefinitionVersion = 1, Name = "崩溃测试",
    SubStatus = subStatus, Status = WorkflowState.MainStatus(subStatus), Variables = new JsonObject(), CreatedAt = now, UpdatedAt = now,
    FinishedAt = subStatus == WorkflowSubStatus.Finished ? now : null,
};

static JournalEntry Journal(string id, long sequence, DateTimeOffset now) => new()
{
    WorkflowInstanceId = id, Sequence = sequence, ActivityInstanceId = $"{id}-ai{sequence}", ActivityId = "a" + sequence,
    ActivityNodeId = "flow:a" + sequence, ActivityType = "Elsa.WriteLine", EventName = "Completed", Timestamp = now,
};
