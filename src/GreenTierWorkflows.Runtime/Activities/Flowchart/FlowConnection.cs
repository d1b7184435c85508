using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;

namespace GreenTierWorkflows.Runtime.Activities.Flowchart;

/// <summary>A flowchart connection: source activity + outcome port → target activity.</summary>
public sealed class FlowConnection(ActivityNode source, string sourcePort, ActivityNode target, string targetPort)
{
    public ActivityNode Source { get; } = source;
    public string SourcePort { get; } = sourcePort;
    public ActivityNode Target { get; } = target;
    public string TargetPort { get; } = targetPort;
    /// <summary>Stable key for the persisted visit counters and tokens.</summary>
    public string Key { get; } = $"{source.Id}:{sourcePort}->{target.Id}:{targetPort}";
    public override string ToString() => Key;

    /// <summary>
    /// Reads both connection forms: nested <c>{source:{activity,port},target:{activity,port}}</c> and the legacy flat
    /// <c>{source,target,sourcePort,targetPort}</c> (PascalCase keys tolerated). A missing source port means <c>Done</c>.
    /// </summary>
    public static (string? Source, string SourcePort, string? Target, string TargetPort) ReadEndpoints(JsonObject json)
    {
        string? source, target, sourcePort, targetPort;
        var s = json.GetAny("source");
        var t = json.GetAny("target");
        if (s is JsonObject so)
        {
            source = so.GetAny("activity")?.ToString();
            sourcePort = so.GetAny("port")?.ToString();
        }
        else
        {
            source = s?.ToString();
            sourcePort = json.GetAny("sourcePort")?.ToString();
        }
        if (t is JsonObject to)
        {
            target = to.GetAny("activity")?.ToString();
            targetPort = to.GetAny("port")?.ToString();
        }
        else
        {
            target = t?.ToString();
            targetPort = json.GetAny("targetPort")?.ToString();
        }
        return (source, string.IsNullOrEmpty(sourcePort) ? "Done" : sourcePort, target, string.IsNullOrEmpty(targetPort) ? "In" : targetPort);
    }
}
