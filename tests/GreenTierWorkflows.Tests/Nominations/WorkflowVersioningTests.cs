using GreenTierWorkflows.Runtime.Tests.TestSupport;
using System.Net;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Management;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Nominations;

/// <summary>
/// A designer adds a step to the shared review path and publishes it once: the green-factory workflow that uses it moves to
/// version 2 by itself, new nominations take it, running ones finish on version 1.
/// </summary>
public sealed class WorkflowVersioningTests(NominationFixture app) : NominationSteps(app), IClassFixture<NominationFixture>
{
    [Fact]
    public async Task PublishedNewVersion_IsFollowedByNewNominations_WhileRunningOnesFinishOnTheirVersion()
    {
        var running = await SubmitNewAsync("shexian", "341021", "歙县老版本流程企业");
        await DecideAsync("city", running, "市级评审", "通过");

        await PublishWithExpertReviewAsync();
        var fresh = await SubmitNewAsync("shexian", "341021", "歙县新版本流程企业");

        await DecideAsync("verifier", running, "现场核查", "通过");
        await DecideAsync("city", running, "市级推荐", "通过"); // version 1: no expert step
        await DecideAsync("city", fresh, "市级评审", "通过");
        await DecideAsync("verifier", fresh, "现场核查", "通过");
        await DecideAsync("city", fresh, "专家复核", "通过"); // version 2's added step
        await DecideAsync("city", fresh, "市级推荐", "通过");

        var old = await NominationAsync("shexian", running);
        var @new = await NominationAsync("shexian", fresh);
        Assert.Equal((1, 2), (old["workflowVersion"]!.GetValue<int>(), @new["workflowVersion"]!.GetValue<int>()));
        var oldStages = (await HistoryAsync("city", running)).Select(h => h!["stage"]?.GetValue<string>()).ToList();
        var newVersions = (await HistoryAsync("city", fresh)).Where(h => h!["action"]!.GetValue<string>() == "通过").Select(h => h!["workflowVersion"]!.GetValue<int>()).Distinct();
        Assert.DoesNotContain("专家复核", oldStages);
        Assert.Equal([2], newVersions);
    }

    private async Task PublishWithExpertReviewAsync()
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Workflows, "nomination-review-path.json")))!.AsObject();
        var root = json["root"]!.AsObject();
        var activities = root["activities"]!.AsArray();
        var verify = activities.Single(a => a!["name"]!.GetValue<string>() == "Verify")!;
        var expert = verify.DeepClone().AsObject();
        expert["id"] = "expertreview0001";
        expert["nodeId"] = verify["nodeId"]!.GetValue<string>().Replace(verify["id"]!.GetValue<string>(), "expertreview0001");
        expert["name"] = "ExpertReview";
        expert["stage"]!["expression"]!["value"] = "专家复核";
        expert["assigneeRole"]!["expression"]!["value"] = "CityReviewer";
        expert["outcomes"]!["expression"]!["value"] = "[\"通过\",\"不通过\"]";
        activities.Add(expert);
        var connections = root["connections"]!.AsArray();
        var toDecision = connections.Single(c => c!["source"]!["activity"]!.GetValue<string>() == verify["id"]!.GetValue<string>() && c["source"]!["port"]!.GetValue<string>() == "通过")!;
        var decisionId = toDecision["target"]!["activity"]!.GetValue<string>();
        toDecision["target"]!["activity"] = "expertreview0001";
        connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "expertreview0001", ["port"] = "通过" },
            ["target"] = new JsonObject { ["activity"] = decisionId, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        using var scope = App.Factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionService>().SaveAsync(WorkflowDefinitionDocument.Parse(json.ToJsonString()), publish: true);
        Assert.True(result.Succeeded, string.Join("; ", result.ValidationErrors));
        Assert.Equal(2, result.Definition!.Version);
    }
}
