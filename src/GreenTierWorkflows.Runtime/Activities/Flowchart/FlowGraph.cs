using GreenTierWorkflows.Runtime.Definitions;

namespace GreenTierWorkflows.Runtime.Activities.Flowchart;

/// <summary>
/// The connections of one flowchart seen from its start activity. Forward connections are those found by a
/// breadth-first walk from the start that do not close a cycle; the rest are backward connections (loops).
/// Built once per (flowchart, start activity) and shared by every run.
/// </summary>
public sealed class FlowGraph
{
    private readonly IReadOnlyList<FlowConnection> _connections;
    private readonly Dictionary<ActivityNode, List<FlowConnection>> _outbound = new();
    private readonly Dictionary<ActivityNode, List<FlowConnection>> _inbound = new();
    private readonly Dictionary<ActivityNode, List<FlowConnection>> _forwardInbound = new();
    private readonly HashSet<FlowConnection> _forward;
    private readonly Dictionary<ActivityNode, List<ActivityNode>> _ancestors = new();

    public FlowGraph(IReadOnlyList<FlowConnection> connections, ActivityNode? start)
    {
        _connections = connections;
        Start = start;
        foreach (var c in connections)
        {
            Add(_outbound, c.Source, c);
            Add(_inbound, c.Target, c);
        }
        _forward = start is null ? [] : ComputeForward(start);
        foreach (var c in connections.Where(_forward.Contains)) Add(_forwardInbound, c.Target, c);
    }

    public ActivityNode? Start { get; }

    public IReadOnlyList<FlowConnection> Outbound(ActivityNode a) => _outbound.TryGetValue(a, out var l) ? l : [];
    public IReadOnlyList<FlowConnection> Inbound(ActivityNode a) => _inbound.TryGetValue(a, out var l) ? l : [];
    public IReadOnlyList<FlowConnection> ForwardInbound(ActivityNode a) => _forwardInbound.TryGetValue(a, out var l) ? l : [];

    public bool IsDangling(ActivityNode a) => a != Start && !_forwardInbound.ContainsKey(a);

    public bool IsBackward(FlowConnection c) => !_forward.Contains(c);

    /// <summary>A backward connection is valid when every forward path from the start to its source passes its target.</summary>
    public bool IsValidBackward(FlowConnection c)
    {
        if (Start is null) return false;
        if (c.Target == Start) return true;
        var seen = new HashSet<ActivityNode> { c.Target };
        var queue = new Queue<ActivityNode>([Start]);
        seen.Add(Start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == c.Source) return false;
            foreach (var next in Outbound(current).Where(_forward.Contains).Select(x => x.Target))
                if (seen.Add(next)) queue.Enqueue(next);
        }
        return true;
    }

    /// <summary>All activities with a forward path to <paramref name="a"/>.</summary>
    public IReadOnlyList<ActivityNode> Ancestors(ActivityNode a)
    {
        lock (_ancestors)
        {
            if (_ancestors.TryGetValue(a, out var cached)) return cached;
            var result = new HashSet<ActivityNode>();
            var queue = new Queue<ActivityNode>([a]);
            while (queue.Count > 0)
                foreach (var c in ForwardInbound(queue.Dequeue()))
                    if (result.Add(c.Source)) queue.Enqueue(c.Source);
            return _ancestors[a] = result.ToList();
        }
    }

    private HashSet<FlowConnection> ComputeForward(ActivityNode start)
    {
        var edges = new Dictionary<ActivityNode, List<ActivityNode>>();
        var valid = new HashSet<(ActivityNode, ActivityNode)>();
        var visited = new HashSet<ActivityNode>();
        var queue = new Queue<ActivityNode>([start]);
        while (queue.Count > 0)
        {
            var source = queue.Dequeue();
            visited.Add(source);
            foreach (var target in Outbound(source).Select(c => c.Target).Distinct())
            {
                if (valid.Contains((source, target)) || Reaches(edges, target, source)) continue;
                valid.Add((source, target));
                Add(edges, source, target);
                if (!visited.Contains(target)) queue.Enqueue(target);
            }
        }
        return _connections.Where(c => valid.Contains((c.Source, c.Target))).ToHashSet();
    }

    private static bool Reaches(Dictionary<ActivityNode, List<ActivityNode>> edges, ActivityNode from, ActivityNode to)
    {
        if (from == to) return true;
        var seen = new HashSet<ActivityNode>();
        var stack = new Stack<ActivityNode>([from]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == to) return true;
            if (!seen.Add(current)) continue;
            if (edges.TryGetValue(current, out var next)) foreach (var n in next) stack.Push(n);
        }
        return false;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
