using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Composition;

/// <summary>
/// <c>Elsa.SetOutput</c>: assigns a declared output of the enclosing workflow. Inside a workflow used as an activity it
/// fills that activity's output (the nearest enclosing one that declares the name, as in Elsa); at the top it sets the
/// instance's output, which <c>Elsa.ExecuteWorkflow</c> hands back to its caller.
/// </summary>
public sealed class SetOutput : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("SetOutput", "Composition", "Set Output", "Assigns a given value to a the container's output.") with
    {
        Inputs =
        [
            new InputDescriptor("OutputName", "String") { DisplayName = "Output", Description = "The output to assign.", UIHint = "output-picker" },
            new InputDescriptor("OutputValue", "Object") { Description = "The value to assign." },
        ],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var name = await context.GetTextAsync("OutputName");
        if (string.IsNullOrWhiteSpace(name)) throw new WorkflowFaultException("SetOutput 未选择输出。");
        var value = await context.EvaluateInputAsync("OutputValue");
        var owner = context.FindAncestor(c => c.Activity.Behavior is WorkflowDefinitionActivity w && w.Child.Outputs.Any(o => o.Name == name));
        if (owner is not null)
            WorkflowDefinitionActivity.Frame(owner, WorkflowDefinitionActivity.OutputKey)[name] = ValueConverter.ToJson(value);
        else
            context.Workflow.State.Output[name] = ValueConverter.ToJson(value);
        await context.CompleteAsync();
    }
}

/// <summary>
/// <c>Elsa.Complete</c>: ends the enclosing workflow used as an activity at once with the given outcomes, which its
/// parent follows (Elsa's <c>CompleteCompositeSignal</c>; it does not cascade further up). At the top it ends the
/// instance. <c>Outcomes</c> is a string, a list or a JSON array; nothing means <c>Done</c>.
/// </summary>
public sealed class Complete : IActivity, ITerminalActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Complete", "Composition", "Complete", "Signals the current composite activity to complete itself as a whole.") with
    {
        IsTerminal = true,
        Inputs = [new InputDescriptor("Outcomes", "Object") { UIHint = "outcome-picker", DefaultSyntax = "Object", Description = "The outcome or set of outcomes to complete this activity with." }],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var outcomes = Interpret(await context.EvaluateInputAsync("Outcomes"));
        var composite = context.Composite;
        if (composite is not null) composite.Properties[WorkflowDefinitionActivity.OutcomesKey] = new JsonArray(outcomes.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
        await context.CompleteAsync();
        if (composite is not null)
            await WorkflowDefinitionActivity.CompleteAsync(composite, outcomes);
        else if (!context.Workflow.IsTerminated)
            context.Workflow.Finish();
    }

    /// <summary>Elsa's reading of the outcomes value.</summary>
    public static IReadOnlyList<string> Interpret(object? value) => value switch
    {
        null => ["Done"],
        string s when s.TrimStart().StartsWith('[') && JsonNodes(s) is JsonArray array => array.Select(o => o?.ToString() ?? "").Where(o => o.Length > 0).DefaultIfEmpty("Done").ToList(),
        string s => s.Length == 0 ? ["Done"] : [s],
        JsonArray array => array.Select(o => o is JsonValue v && v.TryGetValue<string>(out var t) ? t : o?.ToJsonString() ?? "").Where(o => o.Length > 0).DefaultIfEmpty("Done").ToList(),
        JsonValue v => [v.ToString()],
        System.Collections.IEnumerable items => items.Cast<object?>().Select(o => ValueConverter.ToText(o) ?? "").Where(o => o.Length > 0).DefaultIfEmpty("Done").ToList(),
        _ => [ValueConverter.ToText(value) ?? "Done"],
    };

    private static JsonNode? JsonNodes(string text)
    {
        try { return Definitions.JsonNodes.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
