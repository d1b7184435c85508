using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;

namespace GreenTierWorkflows.Tests.Workflows;

/// <summary>Every definition under workflows/ loads without errors, round-trips, and the annual round runs.</summary>
public sealed class WorkflowFolderTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Workflows, "*.json").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Definition_LoadsWithoutErrors_AndRoundTrips(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Workflows, file));
        using var h = new RuntimeHarness(extraActivities: GreenTierWorkflows.Domain.Activities.GreenTierActivities.Create());
        // As the start-up importer does: the workflows used as activities are stored first (the nomination parents use the review path).
        foreach (var other in Directory.GetFiles(RepoPaths.Workflows, "*.json").Where(f => Path.GetFileName(f) != file).Order())
            if (WorkflowDefinitionDocument.Parse(File.ReadAllText(other)).UsableAsActivity) await h.PublishFileAsync(other);
        var doc = WorkflowDefinitionDocument.Parse(text);
        Assert.DoesNotContain(h.Definitions.Validate(doc), d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(JsonNode.DeepEquals(JsonNodes.Parse(text), JsonNode.Parse(doc.ToJson())));
    }

    [Fact]
    public async Task AnnualDeclarationRound_OpensRemindsAndCloses()
    {
        using var h = new RuntimeHarness();
        await h.PublishFileAsync(Path.Combine(RepoPaths.Workflows, "annual-declaration-round.json"));

        var opened = Assert.Single(await h.Runtime.TriggerEventAsync("declaration-window-opened", new JsonObject
        {
            ["year"] = 2026, ["type"] = "green-factory", ["typeName"] = "绿色工厂", ["deadline"] = "2026-05-15", ["reminderAfter"] = "30.00:00:00",
        }));
        Assert.Equal(["2026 年度绿色工厂申报窗口已开启，截止日期 2026-05-15。"], opened.Step.Output);
        Assert.Equal("round-2026-green-factory", opened.State.CorrelationId);
        Assert.Equal("2026 年度绿色工厂申报", opened.State.Name);
        Assert.Equal(WorkflowSubStatus.Suspended, opened.State.SubStatus);

        h.Clock.Advance(TimeSpan.FromDays(30));
        await h.Scheduler.WhenIdleAsync();
        var reminded = (await h.Store.FindInstanceAsync(opened.State.Id))!.State;
        Assert.Equal("Elsa.Event", Assert.Single(reminded.Bookmarks).Name);

        var closed = Assert.Single(await h.Runtime.TriggerEventAsync("declaration-window-closed", correlationId: "round-2026-green-factory"));
        Assert.Equal(WorkflowStatus.Finished, closed.State.Status);
        Assert.Equal(["2026 年度绿色工厂申报窗口已关闭。"], closed.Step.Output);
    }
}
