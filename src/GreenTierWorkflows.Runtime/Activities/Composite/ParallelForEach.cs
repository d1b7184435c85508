using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Activities.Composite;

/// <summary>
/// <c>Elsa.ParallelForEach</c>: schedules the body once per item, all at once; each branch gets its own variables
/// <c>CurrentValue</c> (the item) and <c>CurrentIndex</c> (from 0), as in Elsa. It completes when every branch has
/// completed — a branch may wait on bookmarks across many steps, each resumed on its own — and at once when there are
/// no items (an empty or missing collection). A fault in one branch faults the instance (Elsa's default incident strategy).
/// </summary>
public sealed class ParallelForEach : IContainerActivity
{
    private const string Pending = "pending";

    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("ParallelForEach", "Looping", "Parallel For Each", "Schedule an activity for each item in parallel.") with
    {
        IsContainer = true,
        Inputs = [new InputDescriptor("Items", "Object") { UIHint = "multitext", Description = "The items to iterate through." }],
        Ports = [new PortDescriptor("Body", "Body", "Embedded")],
        ChildSlots = [new ChildSlot("body")],
    };

    public async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = ValueConverter.ToList(await context.EvaluateInputAsync("Items"));
        var body = context.Activity.Slot("body");
        if (items.Count == 0 || body is null)
        {
            await context.CompleteAsync();
            return;
        }
        context.Properties[Pending] = items.Count;
        for (var i = 0; i < items.Count; i++)
            context.ScheduleChildWithVariables(body, new JsonObject { ["CurrentValue"] = ValueConverter.ToJson(items[i]), ["CurrentIndex"] = i });
    }

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes)
    {
        var pending = (context.Properties.GetInt(Pending) ?? 1) - 1;
        context.Properties[Pending] = pending;
        return pending <= 0 ? context.CompleteAsync() : ValueTask.CompletedTask;
    }

    public ValueTask OnChildCanceledAsync(ActivityExecutionContext context, ActivityExecutionContext child) => OnChildCompletedAsync(context, child, Outcomes.Empty);
}
