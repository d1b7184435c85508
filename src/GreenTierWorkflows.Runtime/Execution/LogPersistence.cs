using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>Whether an activity's inputs are written into the journal.</summary>
public enum LogPersistenceMode { Inherit, Include, Exclude }

/// <summary>
/// Elsa's log persistence rules: <c>customProperties.logPersistenceMode = {default, inputs:{name: mode}}</c> on an
/// activity; <c>Inherit</c> defers to the activity default, then the enclosing containers, the workflow, the server.
/// </summary>
internal static class LogPersistence
{
    public static JsonObject? Capture(WorkflowExecutionContext workflow, ActivityExecutionContext context)
    {
        var inputs = context.EvaluatedInputs;
        if (inputs is null || inputs.Count == 0) return null;
        JsonObject? state = null;
        var limits = workflow.Limits;
        var entryCap = limits.MaxJournalEntryBytes > 0 ? limits.MaxJournalEntryBytes : int.MaxValue;
        var burstLeft = limits.MaxJournalBytesPerBurst > 0 ? Math.Max(limits.MaxJournalBytesPerBurst - workflow.JournalStateBytes, 0) : int.MaxValue;
        var budget = (int)Math.Min(entryCap, burstLeft);
        var remaining = budget;
        foreach (var (name, value) in inputs)
        {
            var key = JsonNodes.CamelCase(name);
            if (Resolve(workflow, context.Activity, key) != LogPersistenceMode.Include) continue;
            var json = ValueConverter.ToJson(value);
            (state ??= new JsonObject())[key] = budget < int.MaxValue ? JournalValueLimiter.Limit(json, ref remaining) : json;
        }
        workflow.JournalStateBytes += budget - Math.Max(remaining, 0);
        return state;
    }

    private static LogPersistenceMode Resolve(WorkflowExecutionContext workflow, ActivityNode activity, string inputKey)
    {
        var settings = activity.CustomProperties?.GetObject("logPersistenceMode");
        var mode = Parse(settings?.GetObject("inputs")?.GetString(inputKey));
        if (mode != LogPersistenceMode.Inherit) return mode;
        for (var node = activity; node is not null; node = node.Parent)
        {
            mode = Parse(node.CustomProperties?.GetObject("logPersistenceMode")?.GetString("default"));
            if (mode != LogPersistenceMode.Inherit) return mode;
        }
        mode = Parse(workflow.Graph.Definition.Json.GetObject("customProperties")?.GetObject("logPersistenceMode")?.GetString("default"));
        if (mode != LogPersistenceMode.Inherit) return mode;
        return workflow.DefaultLogMode == LogPersistenceMode.Inherit ? LogPersistenceMode.Include : workflow.DefaultLogMode;
    }

    private static LogPersistenceMode Parse(string? text) =>
        Enum.TryParse<LogPersistenceMode>(text, true, out var m) ? m : LogPersistenceMode.Inherit;
}
