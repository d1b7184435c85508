using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.Tests.Persistence;

public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task FindBookmarkAsync_ReturnsBookmarkWithConsumedAt_AfterItWasRemoved()
    {
        var bookmark = Bookmark("b1", "i1", correlationId: "c-1", dueAt: T0.AddDays(1));
        await Store.CommitAsync(NewInstance(State("i1"), [bookmark]));
        var active = await Store.FindBookmarkAsync("b1");

        Clock.Advance(TimeSpan.FromMinutes(3));
        var consumedAt = Clock.GetUtcNow();
        await Store.CommitAsync(new WorkflowStepCommit(State("i1"), 1, [], ["b1", "unknown"], []));
        Clock.Advance(TimeSpan.FromMinutes(3));
        await Store.CommitAsync(new WorkflowStepCommit(State("i1"), 2, [], ["b1"], [])); // already consumed: unchanged

        var consumed = await Store.FindBookmarkAsync("b1");
        Assert.Equal(Json(bookmark), Json(active!.Bookmark));
        Assert.Null(active.ConsumedAt);
        Assert.Equal(Json(bookmark), Json(consumed!.Bookmark));
        Assert.Equal(consumedAt, consumed.ConsumedAt);
        Assert.Null(await Store.FindBookmarkAsync("unknown"));
    }

    [Fact]
    public async Task CommitAsync_ReactivatesBookmark_WhenTheSameIdIsAddedAgain()
    {
        await Store.CommitAsync(NewInstance(State("i1"), [Bookmark("b1", "i1")]));
        await Store.CommitAsync(new WorkflowStepCommit(State("i1"), 1, [], ["b1"], []));

        await Store.CommitAsync(new WorkflowStepCommit(State("i1"), 2, [Bookmark("b1", "i1", hash: "hash-other")], [], []));

        var stored = await Store.FindBookmarkAsync("b1");
        Assert.Null(stored?.ConsumedAt);
        Assert.Equal("hash-other", stored!.Bookmark.Hash);
        Assert.Empty(await Store.FindBookmarksByHashAsync("hash-approve"));
    }

    [Fact]
    public async Task FindBookmarksByHashAsync_ReturnsOnlyActiveBookmarks_NarrowedByCorrelationAndInstance()
    {
        await Store.CommitAsync(NewInstance(State("i1", correlationId: "c-1"),
            [Bookmark("b1", "i1", correlationId: "c-1", createdAt: T0.AddMinutes(2)), Bookmark("b2", "i1", hash: "hash-other")]));
        await Store.CommitAsync(NewInstance(State("i2", correlationId: "c-2"),
            [Bookmark("b3", "i2", correlationId: "c-2", createdAt: T0.AddMinutes(1)), Bookmark("b4", "i2", correlationId: "c-2", createdAt: T0.AddMinutes(3))]));
        await Store.CommitAsync(new WorkflowStepCommit(State("i2", correlationId: "c-2"), 1, [], ["b4"], []));

        async Task<string[]> Ids(string hash, string? correlationId = null, string? instanceId = null) =>
            (await Store.FindBookmarksByHashAsync(hash, correlationId, instanceId)).Select(b => b.Id).ToArray();

        Assert.Equal(["b3", "b1"], await Ids("hash-approve"));
        Assert.Equal(["b1"], await Ids("hash-approve", correlationId: "c-1"));
        Assert.Equal(["b3"], await Ids("hash-approve", instanceId: "i2"));
        Assert.Empty(await Ids("hash-approve", correlationId: "c-1", instanceId: "i2"));
        Assert.Equal(["b2"], await Ids("hash-other"));
        Assert.Empty(await Ids("hash-none"));
        Assert.Equal(Json(Bookmark("b3", "i2", correlationId: "c-2", createdAt: T0.AddMinutes(1))),
            Json((await Store.FindBookmarksByHashAsync("hash-approve", "c-2"))[0]));
    }

    [Fact]
    public async Task ListTimedBookmarksAsync_ReturnsActiveBookmarksThatHaveADueTime()
    {
        await Store.CommitAsync(NewInstance(State("i1"), [
            Bookmark("t1", "i1", dueAt: T0.AddHours(2)), Bookmark("t2", "i1", dueAt: new DateTimeOffset(2026, 3, 1, 17, 0, 0, TimeSpan.FromHours(8))),
            Bookmark("t3", "i1", dueAt: T0.AddHours(3)), Bookmark("plain", "i1"),
        ]));
        await Store.CommitAsync(new WorkflowStepCommit(State("i1"), 1, [], ["t3"], []));

        var timed = await Store.ListTimedBookmarksAsync();

        Assert.Equal(["t1", "t2"], timed.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromHours(8), timed.Single(b => b.Id == "t2").DueAt!.Value.Offset);
    }

    [Fact]
    public async Task ListJournalAsync_ReturnsEntriesInCommitOrder_WithPagingAndTotal()
    {
        await Store.CommitAsync(NewInstance(State("i1"), journal: [Journal("i1", 1, "Started"), Journal("i1", 2), Journal("i1", 3)]));
        await Store.CommitAsync(NewInstance(State("i2"), journal: [Journal("i2", 1)]));
        await Store.CommitAsync(new WorkflowStepCommit(State("i1"), 1, [], [], [Journal("i1", 4, "Resumed"), Journal("i1", 5)]));

        var all = await Store.ListJournalAsync("i1", 0, 100);
        var page = await Store.ListJournalAsync("i1", 1, 3);
        var tail = await Store.ListJournalAsync("i1", 4, 3);
        var beyond = await Store.ListJournalAsync("i1", 10, 3);

        Assert.Equal(5, all.TotalCount);
        Assert.Equal(Json(new[] { Journal("i1", 1, "Started"), Journal("i1", 2), Journal("i1", 3), Journal("i1", 4, "Resumed"), Journal("i1", 5) }), Json(all.Items));
        Assert.Equal([2L, 3L, 4L], page.Items.Select(e => e.Sequence));
        Assert.Equal([5L], tail.Items.Select(e => e.Sequence));
        Assert.Empty(beyond.Items);
        Assert.All([page, tail, beyond], p => Assert.Equal(5, p.TotalCount));
        Assert.Equal(TimeSpan.FromHours(8), all.Items[0].Timestamp.Offset);
        Assert.Equal("你好", all.Items[0].ActivityState?["text"]?.GetValue<string>());
        Assert.Equal(1, (await Store.ListJournalAsync("i2", 0, 100)).TotalCount);
        Assert.Equal(0, (await Store.ListJournalAsync("unknown", 0, 100)).TotalCount);
    }

    [Fact]
    public async Task ReplaceTriggersAsync_ReplacesOnlyThatDefinitionsTriggers()
    {
        await Store.ReplaceTriggersAsync("leave", [Trigger("leave", "start", "h-start"), Trigger("leave", "timer", "h-timer")]);
        await Store.ReplaceTriggersAsync("expense", [Trigger("expense", "start", "h-start")]);

        await Store.ReplaceTriggersAsync("leave", [Trigger("leave", "cron", "h-cron")]);

        var all = await Store.ListTriggersAsync();
        Assert.Equal(["expense-v1:start", "leave-v1:cron"], all.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal([Json(Trigger("expense", "start", "h-start"))], (await Store.FindTriggersByHashAsync("h-start")).Select(Json));
        Assert.Equal(["leave-v1:cron"], (await Store.FindTriggersByHashAsync("h-cron")).Select(t => t.Id));
        Assert.Empty(await Store.FindTriggersByHashAsync("h-timer"));

        await Store.ReplaceTriggersAsync("leave", []);
        Assert.Equal(["expense-v1:start"], (await Store.ListTriggersAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task Reopen_ReturnsEverythingWritten_WhenTheStoreIsOpenedAgain()
    {
        var definition = Definition("leave", 1, isLatest: true, isPublished: true, description: "屯溪区");
        var state = State("i1", correlationId: "c-1");
        state.Variables["$id"] = "屯溪区";
        var bookmark = Bookmark("b1", "i1", dueAt: T0.AddHours(1));
        await Store.SaveDefinitionsAsync([definition]);
        await Store.CommitAsync(NewInstance(state, [bookmark], [Journal("i1", 1)]));
        await Store.ReplaceTriggersAsync("leave", [Trigger("leave", "start", "h-start")]);

        var reopened = Reopen();

        Assert.Equal(definition, await reopened.FindDefinitionAsync("leave", VersionOptions.Published));
        var instance = await reopened.FindInstanceAsync("i1");
        Assert.Equal(1, instance?.Stamp);
        Assert.Equal(WorkflowStateSerializer.Serialize(state), WorkflowStateSerializer.Serialize(instance!.State));
        Assert.Equal(Json(bookmark), Json((await reopened.ListTimedBookmarksAsync()).Single()));
        Assert.Equal(Json(new[] { Journal("i1", 1) }), Json((await reopened.ListJournalAsync("i1", 0, 10)).Items));
        Assert.Equal(Json(Trigger("leave", "start", "h-start")), Json((await reopened.ListTriggersAsync()).Single()));
        Assert.Equal(2, await reopened.CommitAsync(new WorkflowStepCommit(state, 1, [], ["b1"], [])));
        Assert.Equal(2, (await Store.FindInstanceAsync("i1"))?.Stamp);
    }
}
