using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Domain.Effects;

/// <summary>
/// The stored form of the nomination effects: a JSON object whose keys are the records' property names in camel case
/// (the shape effects had before they were typed, so an outbox written then still drains). Numbers may arrive as strings.
/// </summary>
public static class NominationEffectJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static JsonObject ToPayload<T>(T effect) where T : INominationEffect =>
        JsonSerializer.SerializeToNode(effect, Options)!.AsObject();

    /// <summary>The typed effect of a stored payload; throws <see cref="JsonException"/> when the payload does not fit.</summary>
    public static T FromPayload<T>(JsonObject payload) where T : INominationEffect =>
        payload.Deserialize<T>(Options) ?? throw new JsonException($"效果 {T.Kind} 的内容为空。");

    /// <summary>Emits a typed effect from an activity (applied by the application after the step commits).</summary>
    public static WorkflowEffect Emit<T>(this ActivityExecutionContext context, T effect) where T : INominationEffect =>
        context.Emit(T.Kind, ToPayload(effect));
}
