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
public static class LogPersistence
{
    internal static JsonObject? Capture(WorkflowExecutionContext workflow, ActivityExecutionContext context)
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
            if (Resolve(workflow, context.Activity, JsonNodes.CamelCase(name)) != LogPersistenceMode.Include) continue;
            var json = ValueConverter.ToJson(value);
            (state ??= new JsonObject())[StateKey(context.Activity, name)] = budget < int.MaxValue ? JournalValueLimiter.Limit(json, ref remaining) : json;
        }
        workflow.JournalStateBytes += budget - Math.Max(remaining, 0);
        return state;
    }

    /// <summary>
    /// The key of an input in the stored activity state: the input's name as the descriptor spells it (<c>Text</c>),
    /// as Elsa keys <c>ActivityState</c>; the settings under <c>logPersistenceMode.inputs</c> stay camelCase, as in Elsa.
    /// </summary>
    public static string StateKey(ActivityNode activity, string inputName) =>
        activity.Descriptor.FindInput(inputName)?.Name ?? PascalCase(inputName);

    /// <summary>
    /// Reads activity state stored before the keys followed the input names (<c>text</c>): each key is given the
    /// spelling Elsa uses (<c>Text</c>); state already keyed that way comes back as it is.
    /// </summary>
    public static JsonObject? ElsaKeys(JsonObject? stored)
    {
        if (stored is null || stored.All(p => p.Key.Length == 0 || !char.IsLower(p.Key[0]))) return stored;
        var result = new JsonObject();
        foreach (var (key, value) in stored)
        {
            var elsaKey = PascalCase(key);
            if (!result.ContainsKey(elsaKey) || elsaKey == key) result[elsaKey] = value?.DeepClone();
        }
        return result;
    }

    private static string PascalCase(string name) =>
        string.IsNullOrEmpty(name) || !char.IsLower(name[0]) ? name : char.ToUpperInvariant(name[0]) + name[1..];

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
