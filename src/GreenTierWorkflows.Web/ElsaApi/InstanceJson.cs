using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Web.ElsaApi;

/// <summary>Elsa's instance shapes: WorkflowInstanceSummary, WorkflowInstance, WorkflowState, journal records.</summary>
internal static class InstanceJson
{
    public static JsonObject Summary(WorkflowInstanceSummary s) => new()
    {
        ["id"] = s.Id,
        ["definitionId"] = s.DefinitionId,
        ["definitionVersionId"] = s.DefinitionVersionId,
        ["version"] = s.Version,
        ["status"] = s.Status.ToString(),
        ["subStatus"] = s.SubStatus.ToString(),
        ["correlationId"] = s.CorrelationId,
        ["name"] = s.Name,
        ["incidentCount"] = s.IncidentCount,
        ["createdAt"] = s.CreatedAt,
        ["updatedAt"] = s.UpdatedAt,
        ["finishedAt"] = s.FinishedAt,
    };

    public static JsonObject Instance(WorkflowState s)
    {
        var json = Summary(WorkflowInstanceSummary.From(s));
        json["workflowState"] = State(s);
        return json;
    }

    /// <summary>Elsa's WorkflowState (the part the instance viewer reads).</summary>
    public static JsonObject State(WorkflowState s) => new()
    {
        ["id"] = s.Id,
        ["definitionId"] = s.DefinitionId,
        ["definitionVersionId"] = s.DefinitionVersionId,
        ["definitionVersion"] = s.DefinitionVersion,
        ["correlationId"] = s.CorrelationId,
        ["name"] = s.Name,
        ["status"] = s.Status.ToString(),
        ["subStatus"] = s.SubStatus.ToString(),
        ["bookmarks"] = new JsonArray(s.Bookmarks.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id, ["name"] = b.Name, ["hash"] = b.Hash, ["payload"] = b.Payload?.DeepClone(),
            ["activityId"] = b.ActivityId, ["activityNodeId"] = b.ActivityNodeId, ["activityInstanceId"] = b.ActivityInstanceId,
            ["createdAt"] = b.CreatedAt, ["autoBurn"] = b.AutoBurn, ["callbackMethodName"] = b.CallbackMethodName,
            ["metadata"] = b.Metadata?.DeepClone(),
        }).ToArray()),
        ["incidents"] = new JsonArray(s.Incidents.Select(i => (JsonNode)new JsonObject
        {
            ["activityId"] = i.ActivityId, ["activityNodeId"] = i.ActivityNodeId, ["activityType"] = i.ActivityType, ["message"] = i.Message,
            ["exception"] = i.ExceptionType is null ? null : new JsonObject { ["type"] = i.ExceptionType, ["message"] = i.Message, ["stackTrace"] = null, ["innerException"] = null },
            ["timestamp"] = i.Timestamp,
        }).ToArray()),
        ["fault"] = null,
        ["completionCallbacks"] = new JsonArray(),
        ["activityExecutionContexts"] = new JsonArray(s.Contexts.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id, ["parentContextId"] = c.ParentId, ["scheduledActivityNodeId"] = c.NodeId, ["ownerActivityNodeId"] = null,
            ["properties"] = c.Properties?.DeepClone() ?? new JsonObject(), ["activityState"] = null, ["dynamicVariables"] = new JsonArray(),
            ["status"] = c.Status.ToString(), ["isExecuting"] = false, ["faultCount"] = 0, ["startedAt"] = c.StartedAt,
            ["completedAt"] = null, ["tag"] = null,
        }).ToArray()),
        ["input"] = s.Input.DeepClone(),
        ["output"] = s.Output.DeepClone(),
        ["properties"] = new JsonObject { ["PersistentVariablesDictionary"] = s.Variables.DeepClone() },
        ["createdAt"] = s.CreatedAt,
        ["updatedAt"] = s.UpdatedAt,
        ["finishedAt"] = s.FinishedAt,
    };

    /// <summary>Elsa's WorkflowExecutionLogRecord.</summary>
    public static JsonObject Journal(JournalEntry e, WorkflowState? state) => new()
    {
        ["id"] = $"{e.WorkflowInstanceId}:{e.Sequence}",
        ["workflowDefinitionId"] = state?.DefinitionId,
        ["workflowDefinitionVersionId"] = state?.DefinitionVersionId,
        ["workflowInstanceId"] = e.WorkflowInstanceId,
        ["workflowVersion"] = state?.DefinitionVersion ?? 0,
        ["activityInstanceId"] = e.ActivityInstanceId,
        ["parentActivityInstanceId"] = null,
        ["activityId"] = e.ActivityId,
        ["activityType"] = e.ActivityType,
        ["activityTypeVersion"] = 1,
        ["activityName"] = e.ActivityName,
        ["nodeId"] = e.ActivityNodeId,
        ["timestamp"] = e.Timestamp,
        ["sequence"] = e.Sequence,
        ["eventName"] = e.EventName,
        ["message"] = e.Message,
        ["source"] = null,
        ["activityState"] = LogPersistence.ElsaKeys(e.ActivityState)?.DeepClone(),
        ["payload"] = e.Outcome is null ? null : new JsonObject { ["outcomes"] = new JsonArray(e.Outcome) },
    };
}
