using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Cli;

/// <summary>The JSON object <c>run</c> and <c>resume</c> print.</summary>
public static class RunReport
{
    public static JsonObject Create(WorkflowStepResult step)
    {
        var s = step.State;
        return new JsonObject
        {
            ["definitionId"] = s.DefinitionId,
            ["version"] = s.DefinitionVersion,
            ["instanceId"] = s.Id,
            ["status"] = s.Status.ToString(),
            ["subStatus"] = s.SubStatus.ToString(),
            ["correlationId"] = s.CorrelationId,
            ["variables"] = s.Variables.DeepClone(),
            ["output"] = new JsonArray(step.Output.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["bookmarks"] = new JsonArray(s.Bookmarks.Select(b => (JsonNode?)new JsonObject
            {
                ["id"] = b.Id, ["activityId"] = b.ActivityId, ["activityType"] = b.Name, ["name"] = b.Name,
                ["dueAt"] = b.DueAt?.ToString("O"), ["payload"] = b.Payload?.DeepClone(),
            }).ToArray()),
            ["incidents"] = new JsonArray(s.Incidents.Select(i => (JsonNode?)new JsonObject
            {
                ["activityId"] = i.ActivityId, ["activityType"] = i.ActivityType, ["message"] = i.Message,
            }).ToArray()),
            ["journal"] = new JsonArray(step.Journal.Select(j => (JsonNode?)new JsonObject
            {
                ["activityId"] = j.ActivityId, ["activityType"] = j.ActivityType, ["eventName"] = j.EventName,
                ["outcome"] = j.Outcome, ["timestamp"] = j.Timestamp.ToString("O"),
            }).ToArray()),
        };
    }

    public static void Write(TextWriter writer, JsonNode report) => writer.WriteLine(report.ToJsonString(JsonNodes.Indented));

    public static int ExitCode(WorkflowState state) => state.SubStatus == WorkflowSubStatus.Faulted ? GtwApp.Faulted : GtwApp.Ok;
}
