using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Activities.Flowchart;

/// <summary>
/// <c>Elsa.FlowNode</c> (Studio: "Container"): a plain node that runs its <c>body</c>, if any, and completes with
/// <c>Done</c> when the body completes — whatever the body's outcomes were, as in Elsa. Without a body it passes straight
/// through, so it also serves as a waypoint on a flowchart.
/// </summary>
public sealed class FlowNode : IContainerActivity
{
    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("FlowNode", "Flow", "Container", "A simple container that executes the specified activity.") with
    {
        IsContainer = true,
        Ports = [new PortDescriptor("Body", "Body", "Embedded")],
        ChildSlots = [new ChildSlot("body")],
    };

    public ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Activity.Slot("body") is not { } body) return context.CompleteAsync();
        context.ScheduleChild(body);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes) => context.CompleteAsync();
}
