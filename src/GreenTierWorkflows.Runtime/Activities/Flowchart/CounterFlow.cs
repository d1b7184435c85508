using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Activities.Flowchart;

/// <summary>
/// Elsa's counter-based flowchart engine (its default). Every visit of an activity and of each of its outbound
/// connections is counted, with whether the connection was followed. An activity with several forward inbound
/// connections waits until all of them were visited (implicit join: WaitAllActive), and is skipped — its outbound
/// connections visited as not followed — when none was followed. Backward connections re-enter loops.
/// </summary>
internal static class CounterFlow
{
    private const string BackwardConnection = "BackwardConnection";

    public static async ValueTask OnChildCompletedAsync(ActivityExecutionContext flowchart, ActivityExecutionContext child, Outcomes outcomes)
    {
        if (child.Status != ActivityStatus.Completed) return;
        if (child.Activity.Behavior is ITerminalActivity)
        {
            await flowchart.CompleteAsync();
            return;
        }
        var graph = Flowchart.GetModel(flowchart.Activity).Graph(flowchart.Workflow.State.TriggerActivityId);
        var scope = new Scope(flowchart.Properties);
        var backward = child.ScheduleInput?.GetBool(BackwardConnection) ?? false;
        var scheduled = await ScheduleOutboundAsync(flowchart, graph, scope, child.Activity, outcomes, backward);
        if (!scheduled) await Flowchart.CompleteIfNoPendingWorkAsync(flowchart);
    }

    public static async ValueTask OnChildCanceledAsync(ActivityExecutionContext flowchart, ActivityExecutionContext child)
    {
        var graph = Flowchart.GetModel(flowchart.Activity).Graph(flowchart.Workflow.State.TriggerActivityId);
        await ScheduleOutboundAsync(flowchart, graph, new Scope(flowchart.Properties), child.Activity, Outcomes.Empty, false);
        await Flowchart.CompleteIfNoPendingWorkAsync(flowchart);
    }

    private static async ValueTask<bool> ScheduleOutboundAsync(ActivityExecutionContext flowchart, FlowGraph graph, Scope scope,
        ActivityNode activity, Outcomes outcomes, bool executedByBackwardConnection)
    {
        if (graph.IsDangling(activity))
            throw new WorkflowFaultException($"活动 '{activity.Name}' 无法从流程图起点到达，不能调度其后续活动。");
        if (!executedByBackwardConnection) scope.VisitActivity(activity);

        var scheduled = false;
        foreach (var connection in graph.Outbound(activity))
        {
            var followed = outcomes.Contains(connection.SourcePort);
            scope.VisitConnection(connection, followed);
            if (graph.IsBackward(connection))
            {
                if (!followed) continue;
                if (!graph.IsValidBackward(connection))
                    throw new WorkflowFaultException($"无效的回退连接：从 '{connection.Source.Name}' 出发的每条路径都必须经过 '{connection.Target.Name}'。");
                flowchart.ScheduleChild(connection.Target, new JsonObject { [BackwardConnection] = true });
                scheduled = true;
                continue;
            }
            scheduled |= await ScheduleTargetAsync(flowchart, graph, scope, connection);
        }
        return scheduled;
    }

    private static async ValueTask<bool> ScheduleTargetAsync(ActivityExecutionContext flowchart, FlowGraph graph, Scope scope, FlowConnection connection)
    {
        var target = connection.Target;
        var mode = target.Behavior is FlowJoin ? await FlowJoin.GetModeAsync(target, flowchart.Workflow) : FlowJoinMode.WaitAllActive;
        switch (mode)
        {
            case FlowJoinMode.WaitAll:
                if (!scope.AllInboundVisited(graph, target)) return false;
                return scope.AllInboundFollowed(graph, target) ? Schedule(flowchart, target) : await SkipAsync(flowchart, graph, scope, target);
            case FlowJoinMode.WaitAny:
                if (scope.ShouldIgnore(connection, target)) return false;
                if (flowchart.Workflow.ScheduledItems.Any(i => i.Owner == flowchart && i.Activity == target)) return false;
                if (flowchart.Children.Any(c => c.Activity == target)) return false; // already running (e.g. the join cancelling its inbound branches)
                if (scope.AnyInboundFollowed(graph, target))
                {
                    var result = Schedule(flowchart, target);
                    await Flowchart.CancelInboundAncestorsAsync(flowchart, graph, target);
                    return result;
                }
                return scope.AllInboundVisited(graph, target) && await SkipAsync(flowchart, graph, scope, target);
            default:
                if (!scope.AllInboundVisited(graph, target)) return false;
                return scope.AnyInboundFollowed(graph, target) ? Schedule(flowchart, target) : await SkipAsync(flowchart, graph, scope, target);
        }
    }

    private static bool Schedule(ActivityExecutionContext flowchart, ActivityNode target)
    {
        flowchart.ScheduleChild(target);
        return true;
    }

    /// <summary>A skipped activity passes "not followed" on to everything after it.</summary>
    private static ValueTask<bool> SkipAsync(ActivityExecutionContext flowchart, FlowGraph graph, Scope scope, ActivityNode target) =>
        ScheduleOutboundAsync(flowchart, graph, scope, target, Outcomes.Empty, false);

    /// <summary>Visit counters persisted in the flowchart's properties.</summary>
    private readonly struct Scope(JsonObject properties)
    {
        private JsonObject Activities => Get("activityVisits");
        private JsonObject Connections => Get("connectionVisits");
        private JsonObject Followed => Get("connectionFollowed");

        private JsonObject Get(string name)
        {
            if (properties[name] is JsonObject o) return o;
            var created = new JsonObject();
            properties[name] = created;
            return created;
        }

        private static long Count(JsonObject map, string key) => map.GetInt(key) ?? 0;

        public void VisitActivity(ActivityNode a) => Activities[a.Id] = Count(Activities, a.Id) + 1;

        public void VisitConnection(FlowConnection c, bool followed)
        {
            Connections[c.Key] = Count(Connections, c.Key) + 1;
            Followed[c.Key] = followed;
        }

        private long ActivityCount(ActivityNode a) => Count(Activities, a.Id);
        private long ConnectionCount(FlowConnection c) => Count(Connections, c.Key);
        private bool LastFollowed(FlowConnection c) => Followed.GetBool(c.Key) ?? false;

        public bool AllInboundVisited(FlowGraph graph, ActivityNode a)
        {
            var inbound = graph.ForwardInbound(a);
            return inbound.Count > 0 && inbound.Min(ConnectionCount) > ActivityCount(a);
        }

        public bool AnyInboundFollowed(FlowGraph graph, ActivityNode a)
        {
            var inbound = graph.ForwardInbound(a);
            if (inbound.Count == 0) return false;
            var max = inbound.Max(ConnectionCount);
            var self = this;
            return max > ActivityCount(a) && inbound.Any(c => self.ConnectionCount(c) == max && self.LastFollowed(c));
        }

        public bool AllInboundFollowed(FlowGraph graph, ActivityNode a)
        {
            var inbound = graph.ForwardInbound(a);
            if (inbound.Count == 0) return false;
            var max = inbound.Max(ConnectionCount);
            var self = this;
            return max > ActivityCount(a) && inbound.All(c => self.ConnectionCount(c) == max && self.LastFollowed(c));
        }

        public bool ShouldIgnore(FlowConnection c, ActivityNode target) => ConnectionCount(c) <= ActivityCount(target);
    }
}
