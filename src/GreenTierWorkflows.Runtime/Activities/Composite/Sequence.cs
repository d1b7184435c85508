using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Activities.Composite;

/// <summary><c>Elsa.Sequence</c>: runs its activities one after another.</summary>
public sealed class Sequence : IContainerActivity
{
    private const string Index = "index";

    public ActivityDescriptor Descriptor { get; } = Elsa.Describe("Sequence", "Workflows", "Sequence", "Execute a set of activities in sequence.") with
    {
        IsContainer = true,
        IsBrowsable = false,
        ChildSlots = [new ChildSlot("activities", ChildSlotKind.Many)],
    };

    public ValueTask ExecuteAsync(ActivityExecutionContext context) => ScheduleAsync(context, 0);

    public ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes) =>
        ScheduleAsync(context, (int)(context.Properties.GetInt(Index) ?? 0) + 1);

    private static ValueTask ScheduleAsync(ActivityExecutionContext context, int index)
    {
        var activities = context.Activity.SlotList("activities");
        if (index >= activities.Count) return context.CompleteAsync();
        context.Properties[Index] = index;
        context.ScheduleChild(activities[index]);
        return ValueTask.CompletedTask;
    }
}
