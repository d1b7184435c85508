using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using static GreenTierWorkflows.Runtime.Tests.TestSupport.Wf;

namespace GreenTierWorkflows.Tests.Workflows;

/// <summary>
/// A review task's outcomes are Elsa's dynamic outcomes: a JSON list Studio turns into one port per outcome. The runtime
/// still reads the comma-separated text older versions stored, and those versions are served to Studio in the list form.
/// </summary>
public sealed class ReviewTaskOutcomeTests
{
    private const string ObjectList = "[\"通过\",\"不通过\"]";

    [Theory]
    [InlineData("list", "通过|不通过")]
    [InlineData("legacy-text", "通过|退回修改")]
    [InlineData("default", "通过|退回修改|不通过")]
    public async Task ReviewTask_OpensWithItsConfiguredOutcomes_FromTheListAndFromLegacyText(string form, string expected)
    {
        using var h = new RuntimeHarness(extraActivities: GreenTierActivities.Create());
        var task = form switch
        {
            "list" => Activity("r", ReviewTaskActivity.TypeName, ("outcomes", Object(ObjectList, "String[]"))),
            "legacy-text" => Activity("r", ReviewTaskActivity.TypeName, ("outcomes", Literal("通过,退回修改"))),
            _ => Activity("r", ReviewTaskActivity.TypeName),
        };
        await h.PublishAsync(Definition("review-" + form, Flowchart("fc", [task])).ToJsonString());

        var run = await h.Runtime.StartAsync("review-" + form, new() { Input = new JsonObject { ["district"] = "341002" } });

        var opened = Assert.Single(run.Step.Effects, e => e.Kind == EffectKinds.TaskOpened);
        Assert.Equal(expected.Split('|'), opened.Payload["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
    }

    [Fact]
    public void LegacyOutcomeText_IsServedAsTheJsonListStudioReads_AndTheWorkflowFilesAlreadyUseIt()
    {
        var registry = GreenTierActivities.CreateRegistry();
        var root = Flowchart("fc", [Activity("r", ReviewTaskActivity.TypeName, ("outcomes", Literal("通过，不通过")))]);

        Assert.Equal(1, DynamicOutcomeInputs.Upgrade(root, registry));
        var outcomes = root["activities"]![0]!["outcomes"]!;
        Assert.Equal("Object", outcomes["expression"]!["type"]!.GetValue<string>());
        Assert.Equal(ObjectList, outcomes["expression"]!["value"]!.GetValue<string>());
        Assert.Equal(0, DynamicOutcomeInputs.Upgrade(root, registry));

        foreach (var file in Directory.GetFiles(RepoPaths.Workflows, "*.json"))
            Assert.True(DynamicOutcomeInputs.Upgrade(JsonNode.Parse(File.ReadAllText(file)), registry) == 0, $"{Path.GetFileName(file)} keeps outcomes as text");
    }
}
