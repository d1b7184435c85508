using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Activities.Flowchart;

/// <summary>
/// <c>Elsa.Flowchart</c>: activities joined by connections from outcome ports. Runs with either of Elsa's engines,
/// chosen per instance: counter-based (<see cref="CounterFlow"/>) or token-based (<see cref="TokenFlow"/>).
/// </summary>
public sealed class Flowchart : IContainerActivity
{
    public const string TypeName = "Elsa.Flowchart";

    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Flowchart", "Flow", "Flowchart", "A flowchart of connected activities.") with
    {
        IsContainer = true,
        IsBrowsable = false,
        ChildSlots = [new ChildSlot("activities", ChildSlotKind.Many)],
        Ports = [new PortDescriptor("Start", "Start", "Embedded", false)],
    };

    public void Prepare(ActivityNode node, WorkflowCompilation compilation)
    {
        var activities = node.SlotList("activities");
        var byId = activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        var connections = new List<FlowConnection>();
        var array = node.Json.GetArray("connections") ?? [];
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject c) continue;
            var (source, port, target, targetPort) = FlowConnection.ReadEndpoints(c);
            if (source is null || target is null || !byId.TryGetValue(source, out var s) || !byId.TryGetValue(target, out var t))
            {
                compilation.Warning($"{node.JsonPath}.connections[{i}]", $"连接的端点不存在：{source} → {target}。");
                continue;
            }
            // Embedded ports (a loop's Body, a composite's Root) are no outcomes: an activity with none but them ends with Done.
            var outcomes = s.Descriptor.Ports.Where(p => p.Type == "Flow").ToList();
            if (!s.Descriptor.IsTerminal && outcomes.Count > 0 && outcomes.All(p => p.Name != port) && !HasDynamicPorts(s))
                compilation.Warning($"{node.JsonPath}.connections[{i}].source.port", $"活动 '{s.Name}' 没有名为 '{port}' 的出口。");
            connections.Add(new FlowConnection(s, port, t, targetPort));
        }
        node.Prepared = new Model(activities, connections, ReadExplicitStart(node, byId));
    }

    private static bool HasDynamicPorts(ActivityNode node) => node.Type is "Elsa.FlowFork" or "Elsa.FlowSwitch" || node.Descriptor.Inputs.Any(i => i.UIHint == "dynamic-outcomes");

    private static ActivityNode? ReadExplicitStart(ActivityNode node, Dictionary<string, ActivityNode> byId)
    {
        var start = node.Json["start"];
        var id = start switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o => o.GetString("id"),
            _ => null,
        };
        return id is not null && byId.TryGetValue(id, out var a) ? a : null;
    }

    internal static Model GetModel(ActivityNode node) => (Model)node.Prepared!;

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var model = GetModel(context.Activity);
        var start = model.StartActivity(context.Workflow.State.TriggerActivityId);
        if (start is null) return context.CompleteAsync();
        context.ScheduleChild(start);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes) =>
        context.Workflow.FlowchartMode == FlowchartExecutionMode.TokenBased
            ? TokenFlow.OnChildCompletedAsync(context, child, outcomes)
            : CounterFlow.OnChildCompletedAsync(context, child, outcomes);

    public ValueTask OnChildCanceledAsync(ActivityExecutionContext context, ActivityExecutionContext child) =>
        context.Workflow.FlowchartMode == FlowchartExecutionMode.TokenBased
            ? TokenFlow.OnChildCanceledAsync(context, child)
            : CounterFlow.OnChildCanceledAsync(context, child);

    /// <summary>Completes the flowchart when nothing below it is running or scheduled.</summary>
    internal static ValueTask CompleteIfNoPendingWorkAsync(ActivityExecutionContext flowchart) =>
        flowchart.Status == ActivityStatus.Running && !flowchart.Workflow.HasPendingWork(flowchart) ? flowchart.CompleteAsync() : ValueTask.CompletedTask;

    /// <summary>Cancels running children of the flowchart that lie upstream of <paramref name="target"/>.</summary>
    internal static async ValueTask CancelInboundAncestorsAsync(ActivityExecutionContext flowchart, FlowGraph graph, ActivityNode target)
    {
        var ancestors = graph.Ancestors(target);
        foreach (var child in flowchart.Children.Where(c => ancestors.Contains(c.Activity)).ToList())
            await child.CancelAsync();
    }

    /// <summary>The prepared, immutable shape of one flowchart.</summary>
    internal sealed class Model(IReadOnlyList<ActivityNode> activities, IReadOnlyList<FlowConnection> connections, ActivityNode? explicitStart)
    {
        private readonly ConcurrentDictionary<string, FlowGraph> _graphs = new(StringComparer.Ordinal);
        public IReadOnlyList<ActivityNode> Activities { get; } = activities;
        public IReadOnlyList<FlowConnection> Connections { get; } = connections;

        /// <summary>Elsa's order: trigger, explicit start, first Start, first "can start workflow", first without inbound, first.</summary>
        public ActivityNode? StartActivity(string? triggerActivityId)
        {
            if (triggerActivityId is not null && Activities.FirstOrDefault(a => a.Id == triggerActivityId) is { } trigger) return trigger;
            return explicitStart
                ?? Activities.FirstOrDefault(a => a.Type == "Elsa.Start")
                ?? Activities.FirstOrDefault(a => a.CanStartWorkflow)
                ?? Activities.FirstOrDefault(a => Connections.All(c => c.Target != a))
                ?? Activities.FirstOrDefault();
        }

        /// <summary>
        /// The graph as seen from the start for this trigger, cached per trigger: finding the start scans every activity
        /// and connection, which once per completed activity made a long chain quadratic.
        /// </summary>
        public FlowGraph Graph(string? triggerActivityId) =>
            _graphs.GetOrAdd(triggerActivityId ?? "", _ => new FlowGraph(Connections, StartActivity(triggerActivityId)));
    }
}
