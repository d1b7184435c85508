using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities;

/// <summary>How a start trigger fires: on a stimulus (event), once, every interval, or on a cron schedule.</summary>
public sealed record TriggerSchedule(TriggerScheduleKind Kind, DateTimeOffset? DueAt = null, TimeSpan? Interval = null, string? CronExpression = null);

public enum TriggerScheduleKind { Stimulus, Once, Interval, Cron }

/// <summary>An activity that can start a published workflow when "Trigger workflow" is set (Event, Timer, Cron, StartAt).</summary>
public interface ITriggerActivity : IActivity
{
    /// <summary>The stimulus payload the trigger is indexed by (its hash finds the trigger).</summary>
    ValueTask<JsonObject> GetTriggerPayloadAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope);

    /// <summary>When the trigger fires by itself; <see cref="TriggerScheduleKind.Stimulus"/> for event-like triggers.</summary>
    TriggerSchedule GetSchedule(JsonObject payload, DateTimeOffset now);

    /// <summary>Every payload the trigger is indexed by (Elsa indexes one trigger per payload, e.g. one per HTTP method).</summary>
    async ValueTask<IReadOnlyList<JsonObject>> GetTriggerPayloadsAsync(ActivityNode node, ExpressionEngine expressions, IExpressionScope scope) =>
        [await GetTriggerPayloadAsync(node, expressions, scope)];

    /// <summary>Payload properties left out of the trigger's hash (Elsa's <c>[ExcludeFromHash]</c>).</summary>
    string[] ExcludeFromHash => [];
}

/// <summary>Descriptor helpers for Elsa's built-in activities.</summary>
internal static class Elsa
{
    public static ActivityDescriptor Describe(string name, string category, string? displayName = null, string? description = null) =>
        new($"Elsa.{name}", category, displayName ?? Humanize(name)) { Description = description };

    public static string Humanize(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? " " + c : c.ToString()));

    /// <summary>True when the running instance was started by this very activity as its trigger.</summary>
    public static bool IsTriggerOfWorkflow(this ActivityExecutionContext context) =>
        context.Workflow.State.TriggerActivityId == context.Activity.Id;
}
