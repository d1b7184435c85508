using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using static GreenTierWorkflows.Tests.TestSupport.StoreTestData;

namespace GreenTierWorkflows.Tests.Persistence;

public abstract partial class WorkflowStoreContractTests
{
    private static WorkflowEffect Effect(string id, string instanceId, string kind = "review-task.opened") =>
        new(id, kind, instanceId, "nomination-1", "review", "ctx-" + id, 2, new JsonObject { ["stage"] = "市级评审", ["n"] = id }, T0);

    [Fact]
    public async Task ListEffectsAsync_ReturnsCommittedEffectsInCommitOrder_PagedBySequence()
    {
        await Store.CommitAsync(NewInstance(State("i1")) with { Effects = [Effect("e1", "i1"), Effect("e2", "i1", "nomination.status")] });
        await Store.CommitAsync(NewInstance(State("i2")) with { Effects = [Effect("e3", "i2")] });

        var all = await Reopen().ListEffectsAsync(0, 10);
        var page = await Store.ListEffectsAsync(all[0].Sequence, 1);

        Assert.Equal(["e1", "e2", "e3"], all.Select(e => e.Effect.Id));
        Assert.True(all[0].Sequence < all[1].Sequence && all[1].Sequence < all[2].Sequence);
        Assert.Equal("e2", Assert.Single(page).Effect.Id);
        var first = all[0].Effect;
        Assert.Equal(("review-task.opened", "i1", "nomination-1", 2, "市级评审"),
            (first.Kind, first.WorkflowInstanceId, first.CorrelationId, first.DefinitionVersion, first.Payload["stage"]!.GetValue<string>()));
        Assert.Empty(await Store.ListEffectsAsync(all[2].Sequence, 10));
    }

    [Fact]
    public async Task CommitAsync_WritesNoEffects_WhenTheStepConflicts()
    {
        await Store.CommitAsync(NewInstance(State("i1")) with { Effects = [Effect("e1", "i1")] });

        var stale = new WorkflowStepCommit(State("i1"), 7, [], [], []) { Effects = [Effect("e2", "i1")] };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(stale));

        Assert.Equal(["e1"], (await Store.ListEffectsAsync(0, 10)).Select(e => e.Effect.Id));
    }
}
