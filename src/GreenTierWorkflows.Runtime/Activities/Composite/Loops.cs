using GreenTierWorkflows.Runtime.Definitions;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Composite;

/// <summary>Shared behaviour of loops: run the body per iteration, stop on <c>Elsa.Break</c>.</summary>
public abstract class LoopActivity : IContainerActivity, IBreakTarget
{
    internal const string BreakFlag = "break";

    public abstract ActivityDescriptor Descriptor { get; }

    public ValueTask ExecuteAsync(ActivityExecutionContext context) => NextAsync(context, first: true);

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes) =>
        context.Properties.GetBool(BreakFlag) == true ? context.CompleteAsync() : NextAsync(context, first: false);

    public ValueTask OnChildCanceledAsync(ActivityExecutionContext context, ActivityExecutionContext child) =>
        context.Properties.GetBool(BreakFlag) == true && !context.Children.Any() ? context.CompleteAsync() : ValueTask.CompletedTask;

    /// <summary>Decides whether another iteration runs; schedules the body or completes.</summary>
    protected abstract ValueTask NextAsync(ActivityExecutionContext context, bool first);

    protected static ValueTask RunBodyAsync(ActivityExecutionContext context)
    {
        var body = context.Activity.Slot("body");
        if (body is null) return context.CompleteAsync();
        context.ScheduleChild(body);
        return ValueTask.CompletedTask;
    }
}

/// <summary><c>Elsa.While</c>: repeats the body while the condition holds.</summary>
public sealed class While : LoopActivity
{
    public override ActivityDescriptor Descriptor { get; } = Elsa.Describe("While", "Looping", "While", "Execute an activity while a given condition evaluates to true.") with
    {
        IsContainer = true,
        Inputs = [new InputDescriptor("Condition", "Boolean")],
        Ports = [new PortDescriptor("Body", "Body", "Embedded")],
        ChildSlots = [new ChildSlot("body")],
    };

    protected override async ValueTask NextAsync(ActivityExecutionContext context, bool first)
    {
        if (await context.GetBooleanAsync("Condition")) await RunBodyAsync(context);
        else await context.CompleteAsync();
    }
}

/// <summary><c>Elsa.For</c>: counts from Start to End by Step; output <c>CurrentValue</c>.</summary>
public sealed class For : LoopActivity
{
    public override ActivityDescriptor Descriptor { get; } = Elsa.Describe("For", "Looping", "For", "Iterate over a sequence of steps between a start and an end number.") with
    {
        IsContainer = true,
        Inputs =
        [
            new InputDescriptor("Start", "Int32") { DefaultValue = 0 },
            new InputDescriptor("End", "Int32") { DefaultValue = 0 },
            new InputDescriptor("Step", "Int32") { DefaultValue = 1 },
            new InputDescriptor("OuterBoundInclusive", "Boolean") { UIHint = "checkbox", DefaultValue = true },
        ],
        Outputs = [new OutputDescriptor("CurrentValue", "Int32")],
        Ports = [new PortDescriptor("Body", "Body", "Embedded")],
        ChildSlots = [new ChildSlot("body")],
    };

    protected override async ValueTask NextAsync(ActivityExecutionContext context, bool first)
    {
        var end = ValueConverter.ToInteger(await context.EvaluateInputAsync("End"));
        var step = ValueConverter.ToInteger(await context.EvaluateInputAsync("Step"));
        var inclusive = await context.GetBooleanAsync("OuterBoundInclusive");
        var current = first ? ValueConverter.ToInteger(await context.EvaluateInputAsync("Start")) : (context.Properties.GetInt("current") ?? 0) + step;
        var more = step >= 0 ? (inclusive ? current <= end : current < end) : (inclusive ? current >= end : current > end);
        if (!more || step == 0)
        {
            await context.CompleteAsync();
            return;
        }
        context.Properties["current"] = current;
        context.SetOutput("CurrentValue", current);
        await RunBodyAsync(context);
    }
}

/// <summary><c>Elsa.ForEach</c>: runs the body once per item; output <c>CurrentValue</c>.</summary>
public sealed class ForEach : LoopActivity
{
    public override ActivityDescriptor Descriptor { get; } = Elsa.Describe("ForEach", "Looping", "For Each", "Iterate over a set of values.") with
    {
        IsContainer = true,
        Inputs = [new InputDescriptor("Items", "Object") { UIHint = "multitext", Description = "The set of values to iterate." }],
        Outputs = [new OutputDescriptor("CurrentValue", "Object")],
        Ports = [new PortDescriptor("Body", "Body", "Embedded")],
        ChildSlots = [new ChildSlot("body")],
    };

    protected override async ValueTask NextAsync(ActivityExecutionContext context, bool first)
    {
        if (first) context.Properties["items"] = new JsonArray(ValueConverter.ToList(await context.EvaluateInputAsync("Items")).Select(ValueConverter.ToJson).ToArray());
        var items = context.Properties.GetArray("items") ?? [];
        var index = first ? 0 : (context.Properties.GetInt("index") ?? 0) + 1;
        if (index >= items.Count)
        {
            await context.CompleteAsync();
            return;
        }
        context.Properties["index"] = index;
        context.SetOutput("CurrentValue", ValueConverter.FromJson(items[index]));
        await RunBodyAsync(context);
    }
}

/// <summary><c>Elsa.Break</c>: ends the nearest enclosing loop.</summary>
public sealed class Break : IActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Break", "Looping", "Break", "Break out of a loop.") with { IsTerminal = true };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var loop = context.FindAncestor(c => c.Activity.Behavior is IBreakTarget)
            ?? throw new WorkflowFaultException("Break 必须位于循环（While、For、ForEach）之内。");
        loop.Properties[LoopActivity.BreakFlag] = true;
        foreach (var child in loop.Children.ToList()) await child.CancelAsync();
        if (loop.Status == ActivityStatus.Running) await loop.CompleteAsync();
    }
}
