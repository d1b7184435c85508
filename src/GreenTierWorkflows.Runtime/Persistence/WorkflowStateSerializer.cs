using System.Text.Json;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Persistence;

/// <summary>Serialises instance state and bookmarks to JSON for storage (user data with <c>$id</c> keys included).</summary>
public static class WorkflowStateSerializer
{
    public static string Serialize(WorkflowState state) => JsonSerializer.Serialize(state, JsonNodes.Options);

    public static WorkflowState Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowState>(json, JsonNodes.Options) ?? throw new JsonException("实例状态为空。");

    public static string Serialize(Bookmark bookmark) => JsonSerializer.Serialize(bookmark, JsonNodes.Options);

    public static Bookmark DeserializeBookmark(string json) =>
        JsonSerializer.Deserialize<Bookmark>(json, JsonNodes.Options) ?? throw new JsonException("书签为空。");
}
