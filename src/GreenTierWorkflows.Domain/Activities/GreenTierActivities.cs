using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Runtime;
using GreenTierWorkflows.Runtime.Activities;

namespace GreenTierWorkflows.Domain.Activities;

/// <summary>Registers the nomination activities (Studio shows them in the 绿色制造 category).</summary>
public static class GreenTierActivities
{
    public const string Category = "绿色制造";

    public static IReadOnlyList<IActivity> Create(WorkingDayCalendar? calendar = null) =>
        [new ReviewTaskActivity(), new SetNominationStatusActivity(), new PublicNoticeActivity(calendar ?? new WorkingDayCalendar()), new SendNoticeActivity(), new ChangeListingActivity()];

    public static WorkflowRuntimeBuilder AddGreenTierActivities(this WorkflowRuntimeBuilder builder, WorkingDayCalendar? calendar = null)
    {
        foreach (var activity in Create(calendar)) builder.AddActivity(activity);
        return builder;
    }

    /// <summary>Elsa's built-in activities plus the nomination activities (for tools that run outside the web host).</summary>
    public static ActivityRegistry CreateRegistry() => BuiltInActivities.CreateRegistry().RegisterRange(Create());
}
