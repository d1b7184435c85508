using System.Text.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;

namespace GreenTierWorkflows.Runtime.Tests.Compat;

/// <summary>
/// Runs every fixture of ../shared/elsa-samples as Elsa's own tests do and checks the results they assert
/// (expectations.json). The fixture list is read from the file, so a new fixture is tested without code changes.
/// </summary>
public sealed class ElsaSampleConformanceTests
{
    private static JsonObject Expectations => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.ElsaSamples, "expectations.json")))!;

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var f in Expectations["fixtures"]!.AsArray()) data.Add(f!["file"]!.GetValue<string>());
        return data;
    }

    public static TheoryData<string> AllJsonFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.ElsaSamples, "*.json").Where(f => !f.EndsWith("expectations.json")).Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_ProducesElsaResults_WhenRunAsElsaTestsDo(string file)
    {
        var fixture = Expectations["fixtures"]!.AsArray().OfType<JsonObject>().Single(f => f["file"]!.GetValue<string>() == file);
        var expect = fixture["expect"]!.AsObject();
        var harness = fixture["harness"]!.GetValue<string>();
        var mode = Enum.Parse<FlowchartExecutionMode>(fixture["runOptions"]?["flowchartExecutionMode"]?.GetValue<string>() ?? "CounterBased");
        using var h = new RuntimeHarness(mode);
        var json = File.ReadAllText(Path.Combine(RepoPaths.ElsaSamples, file));

        if (harness == "publish")
        {
            var result = await h.Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(json), publish: true);
            var publish = expect["publish"]!.AsObject();
            Assert.Equal(publish["succeeded"]!.GetValue<bool>(), result.Succeeded);
            Assert.Equal(publish["validationErrors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()), result.ValidationErrors.Select(e => e.Message));
            return;
        }

        var definition = await h.PublishAsync(json);
        var (state, output, instanceId) = await h.RunUntilEndAsync(definition.DefinitionId);

        if (expect["status"] is { } status) Assert.Equal(status.GetValue<string>(), state.Status.ToString());
        if (expect["subStatus"] is { } sub) Assert.Equal(sub.GetValue<string>(), state.SubStatus.ToString());
        if (expect["output"] is JsonArray lines) Assert.Equal(lines.Select(l => l!.GetValue<string>()), output);
        foreach (var call in expect["http"]?.AsArray() ?? [])
            if (call?["subStatus"] is { } callSub) Assert.Equal(callSub.GetValue<string>(), state.SubStatus.ToString());
        if (expect["subStatus"] is null && harness == "restExecute") Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);

        var journal = await h.JournalAsync(instanceId);
        if (expect["activityCompletedCount"] is JsonObject counts)
            foreach (var (activityId, count) in counts)
                Assert.Equal(count!.GetValue<int>(), journal.Count(j => j.ActivityId == activityId && j.EventName == "Completed"));

        if (expect["activityExecutionRecords"] is JsonObject records)
        {
            var type = records["activityType"]!.GetValue<string>();
            var stored = journal.Where(j => j.ActivityType == type && j.EventName == "Completed").OrderBy(j => j.Sequence)
                .Select(j => j.ActivityState?.ContainsKey("text") == true).ToList();
            Assert.Equal(records["textInputStored"]!.AsArray().Select(b => b!.GetValue<bool>()), stored);
        }

        if (expect["stateRoundTrip"]?.GetValue<bool>() == true)
        {
            var text = WorkflowStateSerializer.Serialize(state);
            var back = WorkflowStateSerializer.Deserialize(text);
            Assert.Equal(text, WorkflowStateSerializer.Serialize(back));
            Assert.Contains("$schema", text);
        }
    }

    [Theory]
    [MemberData(nameof(AllJsonFiles))]
    public void Definition_RoundTripsSemanticallyEqual_WhenReadAndWritten(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.ElsaSamples, file));
        var original = JsonNodes.Parse(text);
        var doc = new WorkflowDefinitionDocument((JsonObject)JsonNodes.Parse(text)!);
        var written = JsonNode.Parse(doc.ToJson());
        Assert.True(JsonNode.DeepEquals(original, written), $"{file} changed on a read/write round trip");
    }
}
