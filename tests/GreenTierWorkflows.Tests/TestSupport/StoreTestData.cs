using System.Text.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Builders of store records for the contract tests (no workflow engine involved).</summary>
internal static class StoreTestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static WorkflowDefinitionRecord Definition(string definitionId, int version, bool isLatest = false, bool isPublished = false,
        string? name = null, string? description = null, DateTimeOffset? createdAt = null, bool isSystem = false) => new()
    {
        Id = $"{definitionId}-v{version}",
        DefinitionId = definitionId,
        Version = version,
        Name = name ?? definitionId,
        Description = description,
        IsLatest = isLatest,
        IsPublished = isPublished,
        IsSystem = isSystem,
        ToolVersion = "3.5.0",
        CreatedAt = createdAt ?? T0.AddMinutes(version),
        Json = new JsonObject { ["id"] = $"{definitionId}-v{version}", ["definitionId"] = definitionId, ["version"] = version, ["name"] = name ?? definitionId }
            .ToJsonString(JsonNodes.Options),
    };

    public static WorkflowState State(string id, string definitionId = "leave", int version = 1, string? correlationId = null,
        WorkflowSubStatus subStatus = WorkflowSubStatus.Suspended, DateTimeOffset? createdAt = null, int incidents = 0, string? name = null)
    {
        var created = createdAt ?? T0;
        return new WorkflowState
        {
            Id = id,
            DefinitionId = definitionId,
            DefinitionVersionId = $"{definitionId}-v{version}",
            DefinitionVersion = version,
            Name = name ?? $"实例 {id}",
            CorrelationId = correlationId,
            SubStatus = subStatus,
            Status = WorkflowState.MainStatus(subStatus),
            Variables = new JsonObject { ["count"] = 1 },
            Incidents = Enumerable.Range(0, incidents)
                .Select(i => new WorkflowIncident($"a{i}", $"root:a{i}", "Elsa.WriteLine", "失败", "InvalidOperationException", created)).ToList(),
            CreatedAt = created,
            UpdatedAt = created,
            FinishedAt = WorkflowState.MainStatus(subStatus) == WorkflowStatus.Finished ? created.AddMinutes(1) : null,
        };
    }

    public static Bookmark Bookmark(string id, string instanceId, string hash = "hash-approve", string? correlationId = null,
        DateTimeOffset? dueAt = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        WorkflowInstanceId = instanceId,
        Name = "Elsa.Event",
        Hash = hash,
        Payload = new JsonObject { ["eventName"] = "审批", ["$id"] = "1" },
        ActivityId = "wait",
        ActivityNodeId = "root:wait",
        ActivityInstanceId = $"ai-{id}",
        CorrelationId = correlationId,
        CreatedAt = createdAt ?? T0,
        DueAt = dueAt,
        Metadata = new JsonObject { ["区"] = "屯溪区" },
    };

    public static JournalEntry Journal(string instanceId, long sequence, string eventName = "Completed") => new()
    {
        WorkflowInstanceId = instanceId,
        Sequence = sequence,
        ActivityInstanceId = $"ai-{sequence}",
        ActivityId = $"a{sequence}",
        ActivityNodeId = $"root:a{sequence}",
        ActivityType = "Elsa.WriteLine",
        ActivityName = $"第 {sequence} 步",
        EventName = eventName,
        Outcome = sequence % 2 == 0 ? "Done" : null,
        Message = sequence == 1 ? "屯溪区" : null,
        // A non-UTC offset, which must survive the round trip.
        Timestamp = new DateTimeOffset(2026, 3, 1, 16, 0, (int)sequence % 60, TimeSpan.FromHours(8)),
        ActivityState = sequence % 2 == 1 ? new JsonObject { ["text"] = "你好", ["$schema"] = "x" } : null,
    };

    public static WorkflowTrigger Trigger(string definitionId, string activityId, string hash) => new()
    {
        Id = $"{definitionId}-v1:{activityId}",
        DefinitionId = definitionId,
        DefinitionVersionId = $"{definitionId}-v1",
        ActivityId = activityId,
        Name = "Elsa.Event",
        Hash = hash,
        Payload = new JsonObject { ["eventName"] = activityId },
    };

    public static WorkflowStepCommit NewInstance(WorkflowState state, IReadOnlyList<Bookmark>? bookmarks = null, IReadOnlyList<JournalEntry>? journal = null) =>
        new(state, null, bookmarks ?? [], [], journal ?? []);

    /// <summary>Value comparison of records holding <see cref="JsonObject"/>s (which compare by reference).</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonNodes.Options);
}
