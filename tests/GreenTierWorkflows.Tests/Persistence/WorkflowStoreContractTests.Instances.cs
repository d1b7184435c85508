using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.Tests.Persistence;

public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task CommitAsync_InsertsInstanceWithStampOne_WhenExpectedStampIsNull()
    {
        var state = State("i1");

        var stamp = await Store.CommitAsync(NewInstance(state));

        var stored = await Store.FindInstanceAsync("i1");
        Assert.Equal(1, stamp);
        Assert.Equal(1, stored?.Stamp);
        Assert.Equal(WorkflowStateSerializer.Serialize(state), WorkflowStateSerializer.Serialize(stored!.State));
        Assert.Null(await Store.FindInstanceAsync("missing"));
    }

    [Fact]
    public async Task CommitAsync_UpdatesInstanceAndIncrementsStamp_WhenExpectedStampMatches()
    {
        await Store.CommitAsync(NewInstance(State("i1")));
        var updated = State("i1", subStatus: WorkflowSubStatus.Finished);
        updated.Variables["result"] = "通过";

        var second = await Store.CommitAsync(new WorkflowStepCommit(updated, 1, [], [], []));
        var third = await Store.CommitAsync(new WorkflowStepCommit(updated, 2, [], [], []));

        var stored = await Store.FindInstanceAsync("i1");
        Assert.Equal((2, 3), (second, third));
        Assert.Equal(3, stored?.Stamp);
        Assert.Equal(WorkflowSubStatus.Finished, stored!.State.SubStatus);
        Assert.Equal("通过", stored.State.Variables["result"]?.GetValue<string>());
    }

    [Fact]
    public async Task CommitAsync_UpdatesListedSummary_WhenStatusCorrelationOrVersionChange()
    {
        await Store.CommitAsync(NewInstance(State("i1", correlationId: "c-1")));
        var statusOnly = State("i1", correlationId: "c-1", subStatus: WorkflowSubStatus.Executing);
        var everything = State("i1", "leave-v2", 2, "c-2", WorkflowSubStatus.Faulted, T0.AddDays(-1), incidents: 1, name: "改名");

        await Store.CommitAsync(new WorkflowStepCommit(statusOnly, 1, [], [], []));
        var afterStatus = await Store.ListInstancesAsync(new WorkflowInstanceFilter { SubStatuses = [WorkflowSubStatus.Executing] }, 0, 10);
        await Store.CommitAsync(new WorkflowStepCommit(everything, 2, [], [], []));

        Assert.Equal([WorkflowInstanceSummary.From(statusOnly)], afterStatus.Items);
        Assert.Equal([WorkflowInstanceSummary.From(everything)], (await Store.ListInstancesAsync(new WorkflowInstanceFilter { CorrelationId = "c-2" }, 0, 10)).Items);
        Assert.Equal(0, (await Store.ListInstancesAsync(new WorkflowInstanceFilter { CorrelationId = "c-1" }, 0, 10)).TotalCount);
        Assert.Equal(0, (await Store.ListInstancesAsync(new WorkflowInstanceFilter { SubStatuses = [WorkflowSubStatus.Executing] }, 0, 10)).TotalCount);
        Assert.Equal(1, (await Store.ListInstancesAsync(new WorkflowInstanceFilter { DefinitionId = "leave-v2", Version = 2, HasIncidents = true }, 0, 10)).TotalCount);
    }

    [Fact]
    public async Task CommitAsync_ThrowsConflictAndWritesNothing_WhenInstanceIdAlreadyExists()
    {
        await Store.CommitAsync(NewInstance(State("i1"), [Bookmark("b1", "i1")], [Journal("i1", 1)]));

        var duplicate = NewInstance(State("i1", name: "其他"), [Bookmark("b2", "i1")], [Journal("i1", 9)]);
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(duplicate));

        Assert.Equal("i1", error.InstanceId);
        Assert.Equal("实例 i1", (await Store.FindInstanceAsync("i1"))!.State.Name);
        Assert.Null(await Store.FindBookmarkAsync("b2"));
        Assert.Equal(1, (await Store.ListJournalAsync("i1", 0, 10)).TotalCount);
    }

    [Fact]
    public async Task CommitAsync_ThrowsConflictAndLeavesEverythingAsBefore_WhenStampIsStale()
    {
        await Store.CommitAsync(NewInstance(State("i1"), [Bookmark("b1", "i1"), Bookmark("b2", "i1")], [Journal("i1", 1), Journal("i1", 2)]));
        var resumed = State("i1", subStatus: WorkflowSubStatus.Executing);
        await Store.CommitAsync(new WorkflowStepCommit(resumed, 1, [Bookmark("b3", "i1")], ["b2"], [Journal("i1", 3)]));
        var before = await SnapshotAsync("i1", "b1", "b2", "b3", "b4");

        Clock.Advance(TimeSpan.FromMinutes(5));
        var stale = new WorkflowStepCommit(State("i1", subStatus: WorkflowSubStatus.Finished), 1,
            [Bookmark("b4", "i1"), Bookmark("b2", "i1")], ["b1", "b3"], [Journal("i1", 4), Journal("i1", 5)]);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(stale));

        Assert.Equal(before, await SnapshotAsync("i1", "b1", "b2", "b3", "b4"));
        Assert.Equal(2, (await Store.FindInstanceAsync("i1"))?.Stamp);
    }

    [Fact]
    public async Task CommitAsync_ThrowsConflict_WhenExpectedStampGivenForMissingInstance()
    {
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(new WorkflowStepCommit(State("ghost"), 1, [], [], [Journal("ghost", 1)])));

        Assert.Null(await Store.FindInstanceAsync("ghost"));
        Assert.Equal(0, (await Store.ListJournalAsync("ghost", 0, 10)).TotalCount);
    }

    [Fact]
    public async Task FindInstanceAndBookmark_SeeAStepCommittedByAnotherStore_AfterThisStoreReadThem()
    {
        // The SQLite store reads on its writer connection, whose page cache outlives its own commits: a step committed by
        // another node (another connection) must still be seen, never a cached older page.
        var other = Reopen();
        await Store.CommitAsync(NewInstance(State("seen"), [Bookmark("seen-wait", "seen")]));
        Assert.Equal(1, (await Store.FindInstanceAsync("seen"))!.Stamp);
        Assert.Null((await Store.FindBookmarkAsync("seen-wait"))!.ConsumedAt);

        await other.CommitAsync(new WorkflowStepCommit(State("seen", subStatus: WorkflowSubStatus.Finished, name: "另一节点"), 1, [], ["seen-wait"], [Journal("seen", 1)]));

        var instance = await Store.FindInstanceAsync("seen");
        Assert.Equal(2, instance!.Stamp);
        Assert.Equal("另一节点", instance.State.Name);
        Assert.Equal(WorkflowStatus.Finished, instance.State.Status);
        Assert.NotNull((await Store.FindBookmarkAsync("seen-wait"))!.ConsumedAt);
    }

    [Fact]
    public async Task CommitAsync_LetsExactlyOneCommitWin_WhenTwoStoresRaceOnTheSameStamp()
    {
        var other = Reopen();
        await Store.CommitAsync(NewInstance(State("race")));

        for (var round = 1; round <= 5; round++)
        {
            var expected = round;
            var a = Task.Run(() => Store.CommitAsync(new WorkflowStepCommit(State("race", name: "A"), expected, [Bookmark($"a{expected}", "race")], [], [Journal("race", expected)])));
            var b = Task.Run(() => other.CommitAsync(new WorkflowStepCommit(State("race", name: "B"), expected, [Bookmark($"b{expected}", "race")], [], [Journal("race", expected)])));
            var outcomes = await Task.WhenAll(Settle(a), Settle(b));

            Assert.Single(outcomes, o => o == expected + 1);
            Assert.Single(outcomes, o => o is null);
            var winner = outcomes[0] is null ? "B" : "A";
            Assert.Equal(winner, (await Store.FindInstanceAsync("race"))!.State.Name);
            Assert.Equal(winner == "A", await Store.FindBookmarkAsync($"a{round}") is not null);
            Assert.Equal(winner == "B", await Store.FindBookmarkAsync($"b{round}") is not null);
        }
        Assert.Equal(5, (await Store.ListJournalAsync("race", 0, 100)).TotalCount);

        static async Task<long?> Settle(Task<long> commit)
        {
            try { return await commit; }
            catch (ConcurrencyConflictException) { return null; }
        }
    }

    [Fact]
    public async Task FindInstanceAsync_RoundTripsState_WithDollarKeysAndChineseText()
    {
        var state = State("i1", correlationId: "申请-42", incidents: 1);
        state.Variables = new JsonObject
        {
            ["$id"] = "1", ["$schema"] = "https://elsaworkflows.io/schemas/x.json", ["地址"] = "屯溪区",
            ["person"] = new JsonObject { ["$ref"] = "1", ["名字"] = "张三", ["tags"] = new JsonArray("a", "屯溪区", 3) },
            ["amount"] = 12.5m, ["nothing"] = null,
        };
        state.Input["$type"] = "申请";
        state.Contexts.Add(new ActivityContextState { Id = "ctx1", NodeId = "root", Status = ActivityStatus.Running,
            Properties = new JsonObject { ["$values"] = new JsonArray(1, 2) }, StartedAt = T0 });
        state.Bookmarks.Add(Bookmark("b1", "i1"));
        state.JournalSequence = 7;
        await Store.CommitAsync(NewInstance(state));

        var stored = (await Store.FindInstanceAsync("i1"))!.State;

        Assert.Equal(WorkflowStateSerializer.Serialize(state), WorkflowStateSerializer.Serialize(stored));
        Assert.Equal("屯溪区", stored.Variables["地址"]?.GetValue<string>());
        Assert.Equal("1", stored.Variables["$id"]?.GetValue<string>());
        Assert.Equal("张三", stored.Variables["person"]?["名字"]?.GetValue<string>());
    }

    [Fact]
    public async Task ListInstancesAsync_FiltersOrdersAndPages_WithoutLoadingState()
    {
        var states = new[]
        {
            State("i1", "leave", 1, "c-1", WorkflowSubStatus.Suspended, T0.AddMinutes(1)),
            State("i2", "leave", 2, "c-2", WorkflowSubStatus.Finished, T0.AddMinutes(2)),
            State("i3", "expense", 1, "c-1", WorkflowSubStatus.Faulted, T0.AddMinutes(3), incidents: 2),
            State("i4", "road", 1, null, WorkflowSubStatus.Executing, new DateTimeOffset(2026, 3, 1, 16, 4, 0, TimeSpan.FromHours(8))),
        };
        foreach (var s in states) await Store.CommitAsync(NewInstance(s));

        async Task<string[]> Ids(WorkflowInstanceFilter filter, int page = 0, int size = 10) =>
            (await Store.ListInstancesAsync(filter, page, size)).Items.Select(s => s.Id).ToArray();

        var all = await Store.ListInstancesAsync(new WorkflowInstanceFilter(), 0, 10);
        Assert.Equal(4, all.TotalCount);
        Assert.Equal(Enumerable.Reverse(states).Select(WorkflowInstanceSummary.From), all.Items);
        Assert.Equal(["i1", "i2", "i3", "i4"], await Ids(new WorkflowInstanceFilter { Descending = false }));
        Assert.Equal(["i2", "i1"], await Ids(new WorkflowInstanceFilter(), 1, 2));
        Assert.Equal(["i2", "i1"], await Ids(new WorkflowInstanceFilter { DefinitionId = "leave" }));
        Assert.Equal(["i3", "i1"], await Ids(new WorkflowInstanceFilter { DefinitionIds = ["leave", "expense"], Version = 1 }));
        Assert.Equal(["i3", "i1"], await Ids(new WorkflowInstanceFilter { CorrelationId = "c-1" }));
        Assert.Equal(["i4", "i1"], await Ids(new WorkflowInstanceFilter { Statuses = [WorkflowStatus.Running] }));
        Assert.Equal(["i3", "i2"], await Ids(new WorkflowInstanceFilter { SubStatuses = [WorkflowSubStatus.Finished, WorkflowSubStatus.Faulted] }));
        Assert.Equal(["i3"], await Ids(new WorkflowInstanceFilter { HasIncidents = true }));
        Assert.Equal(["i4", "i2", "i1"], await Ids(new WorkflowInstanceFilter { HasIncidents = false }));
        Assert.Equal(["i3", "i1"], await Ids(new WorkflowInstanceFilter { SearchTerm = "c-1" }));
        Assert.Equal(["i2"], await Ids(new WorkflowInstanceFilter { SearchTerm = "实例 i2" }));
        Assert.Empty(await Ids(new WorkflowInstanceFilter { SearchTerm = "I2" }));
    }

    [Fact]
    public async Task DeleteInstanceAsync_RemovesInstanceBookmarksAndJournal()
    {
        await Store.CommitAsync(NewInstance(State("i1"), [Bookmark("b1", "i1", dueAt: T0.AddHours(1))], [Journal("i1", 1)]));
        await Store.CommitAsync(NewInstance(State("i2"), [Bookmark("b2", "i2")], [Journal("i2", 1)]));

        Assert.True(await Store.DeleteInstanceAsync("i1"));
        Assert.False(await Store.DeleteInstanceAsync("i1"));

        Assert.Null(await Store.FindInstanceAsync("i1"));
        Assert.Null(await Store.FindBookmarkAsync("b1"));
        Assert.Empty(await Store.ListTimedBookmarksAsync());
        Assert.Equal(0, (await Store.ListJournalAsync("i1", 0, 10)).TotalCount);
        Assert.NotNull(await Store.FindInstanceAsync("i2"));
        Assert.NotNull(await Store.FindBookmarkAsync("b2"));
        Assert.Equal(1, (await Store.ListJournalAsync("i2", 0, 10)).TotalCount);
    }

    /// <summary>Everything the store holds about an instance, as comparable text.</summary>
    private async Task<string> SnapshotAsync(string instanceId, params string[] bookmarkIds)
    {
        var instance = await Store.FindInstanceAsync(instanceId);
        var bookmarks = new List<string>();
        foreach (var id in bookmarkIds) bookmarks.Add(Json(await Store.FindBookmarkAsync(id)));
        var active = await Store.FindBookmarksByHashAsync("hash-approve", workflowInstanceId: instanceId);
        var journal = await Store.ListJournalAsync(instanceId, 0, 1000);
        return string.Join("\n", [Json(instance), .. bookmarks, Json(active), Json(journal)]);
    }
}
