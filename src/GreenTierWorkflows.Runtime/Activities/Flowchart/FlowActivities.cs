using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Flowchart;

public enum FlowJoinMode { WaitAny, WaitAll, WaitAllActive }

/// <summary><c>Elsa.FlowDecision</c>: follows <c>True</c> or <c>False</c>.</summary>
public sealed class FlowDecision : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("FlowDecision", "Branching", "Decision", "Evaluate a Boolean condition to determine which path to execute next.") with
    {
        Inputs = [new InputDescriptor("Condition", "Boolean") { UIHint = "singleline", Description = "The condition to evaluate." }],
        Ports = ActivityDescriptor.FlowPorts("True", "False"),
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        await context.CompleteAsync(await context.GetBooleanAsync("Condition") ? "True" : "False");
}

/// <summary><c>Elsa.FlowSwitch</c>: follows the port of the first (or every) case whose condition holds, else <c>Default</c>.</summary>
public sealed class FlowSwitch : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("FlowSwitch", "Branching", "Switch (flow)", "Evaluate a set of case conditions and schedule the activity for a matching case.") with
    {
        Inputs =
        [
            new InputDescriptor("Cases", "Object") { UIHint = "flow-switch-editor", IsWrapped = false },
            InputDescriptor.Dropdown("Mode", "Elsa.Workflows.Activities.SwitchMode, Elsa.Workflows.Core", ["MatchFirst", "MatchAny"], "MatchFirst"),
        ],
        Ports = ActivityDescriptor.FlowPorts("Default"),
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matchAny = string.Equals(await context.GetTextAsync("Mode"), "MatchAny", StringComparison.OrdinalIgnoreCase);
        var matched = new List<string>();
        foreach (var c in (context.Activity.Json.GetArray("cases") ?? []).OfType<JsonObject>())
        {
            if (!ValueConverter.ToBoolean(await context.EvaluateExpressionAsync(c.GetObject("condition")))) continue;
            matched.Add(c.GetString("label") ?? "");
            if (!matchAny) break;
        }
        await context.CompleteAsync(matched.Count == 0 ? ["Default"] : matched.ToArray());
    }
}

/// <summary><c>Elsa.FlowFork</c>: follows every branch port named in <c>Branches</c>.</summary>
public sealed class FlowFork : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("FlowFork", "Branching", "Fork (flow)", "Branch execution into multiple branches.") with
    {
        Inputs = [new InputDescriptor("Branches", "String[]") { UIHint = "dynamic-outcomes", DefaultSyntax = "Object", Description = "A list of expected outcomes to handle." }],
        Ports = [],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = (await context.GetListAsync("Branches")).Select(ValueConverter.ToText).OfType<string>().ToArray();
        await context.CompleteAsync(new Outcomes(branches));
    }
}

/// <summary><c>Elsa.FlowJoin</c>: merges branches; the flowchart engine decides when it runs from its <c>Mode</c>.</summary>
public sealed class FlowJoin : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("FlowJoin", "Branching", "Join", "Explicitly merge multiple branches into a single branch of execution.") with
    {
        Inputs = [InputDescriptor.Dropdown("Mode", "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", ["WaitAny", "WaitAll", "WaitAllActive"], "WaitAny")],
    };

    /// <summary>The join's mode; none means WaitAny (Elsa's default), an unknown one faults the instance.</summary>
    public static async ValueTask<FlowJoinMode> GetModeAsync(ActivityNode node, WorkflowExecutionContext workflow)
    {
        var behavior = (FlowJoin)node.Behavior;
        var value = ValueConverter.ToText(await workflow.Expressions.EvaluateInputAsync(node.Json["mode"], behavior.Descriptor.Inputs[0], workflow));
        if (string.IsNullOrWhiteSpace(value)) return FlowJoinMode.WaitAny;
        return TryParseMode(value, out var mode) ? mode : throw new WorkflowFaultException(UnknownMode(value));
    }

    /// <summary>A literal mode Elsa cannot read is an error at validation (Elsa refuses it too), not a silent WaitAny.</summary>
    public void Prepare(ActivityNode node, WorkflowCompilation compilation)
    {
        var stored = node.Json["mode"];
        var literal = stored switch
        {
            JsonValue raw => raw.TryGetValue<string>(out var text) ? text : raw.ToJsonString(),
            JsonObject { } wrapped when wrapped["expression"] is JsonObject expression
                && string.Equals(expression.GetString("type") ?? "Literal", "Literal", StringComparison.OrdinalIgnoreCase) => expression.GetString("value"),
            _ => null,
        };
        if (!string.IsNullOrWhiteSpace(literal) && !TryParseMode(literal, out _)) compilation.Error($"{node.JsonPath}.mode", UnknownMode(literal));
    }

    private static bool TryParseMode(string text, out FlowJoinMode mode) =>
        Enum.TryParse(text.Trim(), true, out mode) && Enum.IsDefined(mode);

    private static string UnknownMode(string value) =>
        $"FlowJoin 的合并方式 '{value}' 无效：只能是 {string.Join("、", Enum.GetNames<FlowJoinMode>())}。";

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Workflow.FlowchartMode == FlowchartExecutionMode.CounterBased && context.Parent is { } flowchart && flowchart.Activity.Behavior is Flowchart)
        {
            var graph = Flowchart.GetModel(flowchart.Activity).Graph(context.Workflow.State.TriggerActivityId);
            await Flowchart.CancelInboundAncestorsAsync(flowchart, graph, context.Activity);
        }
        await context.CompleteAsync();
    }
}
