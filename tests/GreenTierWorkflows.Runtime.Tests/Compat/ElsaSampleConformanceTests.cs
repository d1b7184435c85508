using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Xunit.Abstractions;

namespace GreenTierWorkflows.Runtime.Tests.Compat;

/// <summary>
/// Runs every conformance fixture as Elsa's own tests do and checks the results its expectations.json states: the
/// repository's own fixtures (Compat/Fixtures, always) and, as an additional set, the Elsa samples in
/// ../shared/elsa-samples where that folder sits beside the clone. The fixture lists are read from the files, so a new
/// fixture is tested without code changes. Without the shared folder its set is one row, "(absent)", that passes and
/// says so in its output.
/// </summary>
public sealed class ElsaSampleConformanceTests(ITestOutputHelper output)
{
    /// <summary>The repository's own fixtures.</summary>
    public const string Own = "own";

    /// <summary>The optional ../shared/elsa-samples.</summary>
    public const string Shared = "shared";

    /// <summary>The single row of the shared set when the folder is not beside the clone.</summary>
    public const string Absent = "(absent: no ../shared/elsa-samples beside the clone)";

    private static string? Folder(string set) => set == Own ? RepoPaths.ConformanceFixtures : RepoPaths.SharedElsaSamples;

    private static JsonObject Expectations(string set) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(set)!, "expectations.json")))!;

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in new[] { Own, Shared })
        {
            if (Folder(set) is null) { data.Add(set, Absent); continue; }
            foreach (var f in Expectations(set)["fixtures"]!.AsArray()) data.Add(set, f!["file"]!.GetValue<string>());
        }
        return data;
    }

    public static TheoryData<string, string> AllJsonFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in new[] { Own, Shared })
        {
            if (Folder(set) is not { } folder) { data.Add(set, Absent); continue; }
            foreach (var f in Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith("expectations.json")).Order())
                data.Add(set, Path.GetFileName(f));
        }
        return data;
    }

    [Fact]
    public void OwnFixtures_CoverEveryHarnessAndBothFlowchartModes()
    {
        var fixtures = Expectations(Own)["fixtures"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(["publish", "restExecute", "runUntilEnd"], fixtures.Select(f => f["harness"]!.GetValue<string>()).Distinct().Order());
        Assert.Equal(["CounterBased", "TokenBased"], fixtures.Select(f => f["runOptions"]?["flowchartExecutionMode"]?.GetValue<string>()).OfType<string>().Distinct().Order());
        foreach (var f in fixtures)
        foreach (var file in Uses(f).Prepend(f["file"]!.GetValue<string>()))
            Assert.True(File.Exists(RepoPaths.Fixture(file)), file);
    }

    /// <summary>The definitions a fixture needs published before it (workflows it uses as activities or runs by id).</summary>
    private static IEnumerable<string> Uses(JsonObject fixture) => fixture["uses"]?.AsArray().Select(u => u!.GetValue<string>()) ?? [];

    /// <summary>
    /// The flowchart engines to run a fixture in: <c>runOptions.flowchartExecutionMode</c>, or each of
    /// <c>runOptions.flowchartExecutionModes</c> (a fixture whose result must not depend on the engine).
    /// </summary>
    private static IReadOnlyList<FlowchartExecutionMode> Modes(JsonObject fixture) =>
        fixture["runOptions"]?["flowchartExecutionModes"] is JsonArray modes
            ? modes.Select(m => Enum.Parse<FlowchartExecutionMode>(m!.GetValue<string>())).ToList()
            : [Enum.Parse<FlowchartExecutionMode>(fixture["runOptions"]?["flowchartExecutionMode"]?.GetValue<string>() ?? "CounterBased")];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_ProducesElsaResults_WhenRunAsElsaTestsDo(string set, string file)
    {
        if (file == Absent)
        {
            output.WriteLine($"The additional Elsa samples were not run: {Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "elsa-samples"))} does not exist. The repository's own fixtures ran.");
            return;
        }
        var fixture = Expectations(set)["fixtures"]!.AsArray().OfType<JsonObject>().Single(f => f["file"]!.GetValue<string>() == file);
        foreach (var mode in Modes(fixture))
        {
            output.WriteLine($"{file}: flowchart mode {mode}");
            await RunFixtureAsync(set, file, fixture, mode);
        }
    }

    private static async Task RunFixtureAsync(string set, string file, JsonObject fixture, FlowchartExecutionMode mode)
    {
        var expect = fixture["expect"]!.AsObject();
        var harness = fixture["harness"]!.GetValue<string>();
        using var h = new RuntimeHarness(mode);
        var json = File.ReadAllText(Path.Combine(Folder(set)!, file));
        foreach (var used in Uses(fixture)) await h.PublishAsync(File.ReadAllText(Path.Combine(Folder(set)!, used)));

        if (harness == "publish")
        {
            var result = await h.Definitions.SaveAsync(WorkflowDefinitionDocument.Parse(json), publish: true);
            var publish = expect["publish"]!.AsObject();
            Assert.Equal(publish["succeeded"]!.GetValue<bool>(), result.Succeeded);
            Assert.Equal(publish["validationErrors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()), result.ValidationErrors.Select(e => e.Message));
            return;
        }

        var definition = await h.PublishAsync(json);
        var (state, lines, instanceId) = await h.RunUntilEndAsync(definition.DefinitionId);

        if (expect["status"] is { } status) Assert.Equal(status.GetValue<string>(), state.Status.ToString());
        if (expect["subStatus"] is { } sub) Assert.Equal(sub.GetValue<string>(), state.SubStatus.ToString());
        if (expect["output"] is JsonArray expectedLines) Assert.Equal(expectedLines.Select(l => l!.GetValue<string>()), lines);
        if (expect["outputUnordered"] is JsonArray unordered) Assert.Equal(unordered.Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        foreach (var call in expect["http"]?.AsArray() ?? [])
            if (call?["subStatus"] is { } callSub) Assert.Equal(callSub.GetValue<string>(), state.SubStatus.ToString());
        if (expect["subStatus"] is null && harness == "restExecute") Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        foreach (var (name, value) in expect["variables"]?.AsObject() ?? [])
        {
            var actual = state.Variables.TryGetPropertyValue(name, out var v) ? v : null;
            Assert.True(JsonNode.DeepEquals(value, actual), $"variable {name}: expected {value?.ToJsonString()}, got {actual?.ToJsonString() ?? "(none)"}");
        }

        var journal = await h.JournalAsync(instanceId);
        if (expect["activityCompletedCount"] is JsonObject counts)
            foreach (var (activityId, count) in counts)
                Assert.True(count!.GetValue<int>() == journal.Count(j => j.ActivityId == activityId && j.EventName == "Completed"),
                    $"{activityId}: expected {count} Completed entries, journal has {journal.Count(j => j.ActivityId == activityId && j.EventName == "Completed")}");

        if (expect["activityExecutionRecords"] is JsonObject records)
        {
            var type = records["activityType"]!.GetValue<string>();
            var stored = journal.Where(j => j.ActivityType == type && j.EventName == "Completed").OrderBy(j => j.Sequence)
                .Select(j => j.ActivityState?.ContainsKey("Text") == true).ToList();
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
    public void Definition_RoundTripsSemanticallyEqual_WhenReadAndWritten(string set, string file)
    {
        if (file == Absent)
        {
            output.WriteLine("The additional Elsa samples were not read: ../shared/elsa-samples is not beside the clone.");
            return;
        }
        var text = File.ReadAllText(Path.Combine(Folder(set)!, file));
        var original = JsonNodes.Parse(text);
        var doc = new WorkflowDefinitionDocument((JsonObject)JsonNodes.Parse(text)!);
        var written = JsonNode.Parse(doc.ToJson());
        Assert.True(JsonNode.DeepEquals(original, written), $"{file} changed on a read/write round trip");
    }
}
