using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Composite;

/// <summary><c>Elsa.If</c>: runs <c>Then</c> or <c>Else</c>; output <c>Result</c> is the condition.</summary>
public sealed class If : IContainerActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("If", "Branching", "If", "Evaluate a Boolean condition to determine which activity to execute next.") with
    {
        IsContainer = true,
        Inputs = [new InputDescriptor("Condition", "Boolean")],
        Outputs = [new OutputDescriptor("Result", "Boolean")],
        Ports = [new PortDescriptor("Then", "Then", "Embedded"), new PortDescriptor("Else", "Else", "Embedded")],
        ChildSlots = [new ChildSlot("then"), new ChildSlot("else")],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var condition = await context.GetBooleanAsync("Condition");
        context.SetOutput("Result", condition);
        var branch = context.Activity.Slot(condition ? "then" : "else");
        if (branch is null) await context.CompleteAsync(condition ? "True" : "False");
        else context.ScheduleChild(branch);
    }

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes) => context.CompleteAsync();
}

/// <summary><c>Elsa.Switch</c>: runs the activity of the first (or every) matching case, else <c>Default</c>.</summary>
public sealed class Switch : IContainerActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Switch", "Branching", "Switch", "Evaluate a set of case conditions and schedule the activity for a matching case.") with
    {
        IsContainer = true,
        Inputs =
        [
            new InputDescriptor("Cases", "Object") { UIHint = "switch-editor", IsWrapped = false },
            InputDescriptor.Dropdown("Mode", "Elsa.Workflows.Activities.SwitchMode, Elsa.Workflows.Core", ["MatchFirst", "MatchAny"], "MatchFirst"),
        ],
        Ports = [new PortDescriptor("Default", "Default", "Embedded")],
        ChildSlots = [new ChildSlot("cases", ChildSlotKind.CaseList, "activity"), new ChildSlot("default")],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matchAny = string.Equals(await context.GetTextAsync("Mode"), "MatchAny", StringComparison.OrdinalIgnoreCase);
        var scheduled = 0;
        foreach (var c in (context.Activity.Json.GetArray("cases") ?? []).OfType<JsonObject>())
        {
            if (!ValueConverter.ToBoolean(await context.EvaluateExpressionAsync(c.GetObject("condition")))) continue;
            var activity = context.Activity.SlotList("cases").FirstOrDefault(n => ReferenceEquals(n.Json, c["activity"]));
            if (activity is not null)
            {
                context.ScheduleChild(activity);
                scheduled++;
            }
            if (!matchAny) break;
        }
        if (scheduled == 0 && context.Activity.Slot("default") is { } fallback)
        {
            context.ScheduleChild(fallback);
            scheduled++;
        }
        context.Properties["pending"] = scheduled;
        if (scheduled == 0) await context.CompleteAsync();
    }

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes)
    {
        var pending = (context.Properties.GetInt("pending") ?? 1) - 1;
        context.Properties["pending"] = pending;
        return pending <= 0 ? context.CompleteAsync() : ValueTask.CompletedTask;
    }
}

/// <summary><c>Elsa.Fork</c>: runs every branch at once; completes after all (WaitAll) or the first (WaitAny, others cancelled).</summary>
public sealed class Fork : IContainerActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Fork", "Control Flow", "Fork", "Branch execution into multiple branches.") with
    {
        IsContainer = true,
        IsBrowsable = false,
        Inputs = [InputDescriptor.Dropdown("JoinMode", "Elsa.Workflows.Activities.JoinMode, Elsa.Workflows.Core", ["WaitAny", "WaitAll"], "WaitAny") with { IsWrapped = false }],
        ChildSlots = [new ChildSlot("branches", ChildSlotKind.Many)],
    };

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Activity.SlotList("branches");
        if (branches.Count == 0) return context.CompleteAsync();
        context.Properties["pending"] = branches.Count;
        foreach (var b in branches) context.ScheduleChild(b);
        return ValueTask.CompletedTask;
    }

    public async ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes)
    {
        if (string.Equals(ValueConverter.ToText(await context.EvaluateInputAsync("JoinMode")), "WaitAll", StringComparison.OrdinalIgnoreCase))
        {
            var pending = (context.Properties.GetInt("pending") ?? 1) - 1;
            context.Properties["pending"] = pending;
            if (pending > 0) return;
        }
        else
        {
            context.Workflow.RemoveQueuedFor(context);
            foreach (var other in context.Children.ToList()) await other.CancelAsync();
        }
        await context.CompleteAsync();
    }
}
