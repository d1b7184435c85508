using System.Text.Json.Nodes;

namespace GreenTierWorkflows.Runtime.Bookmarks;

/// <summary>
/// A suspension point: an activity waits for a stimulus (a human decision, an event, a due time).
/// <see cref="Hash"/> is the stable hash of <see cref="Name"/> + stimulus payload, used for indexed lookup.
/// </summary>
public sealed record Bookmark
{
    public required string Id { get; init; }
    public required string WorkflowInstanceId { get; init; }
    /// <summary>The activity type that created it (Elsa: bookmark name = activity type name).</summary>
    public required string Name { get; init; }
    public required string Hash { get; init; }
    public JsonObject? Payload { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityNodeId { get; init; }
    public required string ActivityInstanceId { get; init; }
    public string? CorrelationId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When set, the scheduler resumes the bookmark at this time (Delay, Timer, StartAt, Cron, due periods).</summary>
    public DateTimeOffset? DueAt { get; init; }
    public string? CallbackMethodName { get; init; }
    public bool AutoBurn { get; init; } = true;
    public JsonObject? Metadata { get; init; }
}

/// <summary>A start trigger of a published workflow (Event, Timer, Cron, StartAt with "trigger workflow").</summary>
public sealed record WorkflowTrigger
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required string DefinitionVersionId { get; init; }
    public required string ActivityId { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; init; }
    public JsonObject? Payload { get; init; }
}
