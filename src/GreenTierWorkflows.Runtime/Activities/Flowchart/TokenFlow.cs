using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Activities.Flowchart;

/// <summary>The merge behaviour of an activity with several inbound connections (<c>customProperties.mergeMode</c>).</summary>
public enum MergeMode { None, Stream, Merge, Converge, Cascade, Race }

/// <summary>
/// Elsa's token-based flowchart engine. A completed activity emits a token on every followed outbound connection
/// and consumes the tokens that reached it; the target's merge mode decides when it runs: Stream (default: when no
/// upstream source is still pending), Merge (a token on every forward inbound connection), Converge (on every
/// inbound connection, loops included), Cascade/Race (first arrival; Race cancels the other inbound branches).
/// </summary>
internal static class TokenFlow
{
    private const string TokensKey = "tokens";

    public static async ValueTask OnChildCompletedAsync(ActivityExecutionContext flowchart, ActivityExecutionContext child, Outcomes outcomes)
    {
        var tokens = Tokens(flowchart);
        var completed = child.Activity;
        if (completed.Behavior is ITerminalActivity)
        {
            tokens.Clear();
            await flowchart.CompleteAsync();
            return;
        }

        var graph = Flowchart.GetModel(flowchart.Activity).Graph(flowchart.Workflow.State.TriggerActivityId);
        var active = graph.Outbound(completed).Where(c => outcomes.Contains(c.SourcePort)).Distinct().ToList();
        foreach (var c in active) tokens.Add(Token(c.Source.Id, c.Target.Id, c.SourcePort));

        foreach (var t in tokens.OfType<JsonObject>().Where(t => To(t) == completed.Id && !Consumed(t) && !Blocked(t)))
            t["consumed"] = true;

        foreach (var connection in active)
        {
            var target = connection.Target;
            var mode = await GetMergeModeAsync(target, flowchart.Workflow);
            switch (mode)
            {
                case MergeMode.Cascade:
                case MergeMode.Race:
                    if (mode == MergeMode.Race) await Flowchart.CancelInboundAncestorsAsync(flowchart, graph, target);
                    var blocked = tokens.OfType<JsonObject>().FirstOrDefault(t => To(t) == target.Id && From(t) == connection.Source.Id
                        && Outcome(t) == connection.SourcePort && Blocked(t));
                    if (blocked is null)
                    {
                        flowchart.ScheduleChild(target);
                        foreach (var other in graph.ForwardInbound(target).Where(x => x.Source != completed))
                        {
                            var token = Token(other.Source.Id, other.Target.Id, other.SourcePort);
                            token["blocked"] = true;
                            tokens.Add(token);
                        }
                    }
                    else
                    {
                        blocked["consumed"] = true;
                    }
                    break;
                case MergeMode.Merge:
                    if (HasTokensFromAll(tokens, graph.ForwardInbound(target), target)) flowchart.ScheduleChild(target);
                    break;
                case MergeMode.Converge:
                    if (HasTokensFromAll(tokens, graph.Inbound(target), target)) flowchart.ScheduleChild(target);
                    break;
                default:
                    var upstreamPending = graph.ForwardInbound(target).Any(inbound =>
                        tokens.OfType<JsonObject>().Any(t => !Consumed(t) && !Blocked(t) && To(t) == inbound.Source.Id));
                    if (!upstreamPending) flowchart.ScheduleChild(target);
                    break;
            }
        }

        if (!flowchart.Workflow.HasPendingWork(flowchart))
        {
            tokens.Clear();
            await flowchart.CompleteAsync();
        }
        RemoveWhere(tokens, t => To(t) == completed.Id && Consumed(t));
    }

    public static ValueTask OnChildCanceledAsync(ActivityExecutionContext flowchart, ActivityExecutionContext child)
    {
        var id = child.Activity.Id;
        RemoveWhere(Tokens(flowchart), t => From(t) == id || To(t) == id);
        return Flowchart.CompleteIfNoPendingWorkAsync(flowchart);
    }

    /// <summary>FlowJoin maps onto merge modes: WaitAny → Race, otherwise Merge.</summary>
    private static async ValueTask<MergeMode?> GetMergeModeAsync(ActivityNode target, WorkflowExecutionContext workflow)
    {
        if (target.Behavior is FlowJoin)
            return await FlowJoin.GetModeAsync(target, workflow) == FlowJoinMode.WaitAny ? MergeMode.Race : MergeMode.Merge;
        return ReadMergeMode(target);
    }

    public static MergeMode? ReadMergeMode(ActivityNode node) =>
        Enum.TryParse<MergeMode>(node.CustomProperty("mergeMode"), true, out var m) && m != MergeMode.None ? m : null;

    private static bool HasTokensFromAll(JsonArray tokens, IReadOnlyList<FlowConnection> inbound, ActivityNode target)
    {
        if (inbound.Count <= 1) return true;
        return inbound.All(c => tokens.OfType<JsonObject>().Any(t => !Consumed(t) && !Blocked(t)
            && From(t) == c.Source.Id && To(t) == target.Id && Outcome(t) == c.SourcePort));
    }

    private static JsonArray Tokens(ActivityExecutionContext flowchart)
    {
        if (flowchart.Properties[TokensKey] is JsonArray a) return a;
        var created = new JsonArray();
        flowchart.Properties[TokensKey] = created;
        return created;
    }

    private static JsonObject Token(string from, string to, string outcome) =>
        new() { ["from"] = from, ["to"] = to, ["outcome"] = outcome, ["consumed"] = false, ["blocked"] = false };

    private static string? From(JsonObject t) => t.GetString("from");
    private static string? To(JsonObject t) => t.GetString("to");
    private static string? Outcome(JsonObject t) => t.GetString("outcome");
    private static bool Consumed(JsonObject t) => t.GetBool("consumed") ?? false;
    private static bool Blocked(JsonObject t) => t.GetBool("blocked") ?? false;

    private static void RemoveWhere(JsonArray tokens, Func<JsonObject, bool> predicate)
    {
        for (var i = tokens.Count - 1; i >= 0; i--)
            if (tokens[i] is JsonObject t && predicate(t)) tokens.RemoveAt(i);
    }
}
