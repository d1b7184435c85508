using GreenTierWorkflows.Runtime.Activities.Composite;
using GreenTierWorkflows.Runtime.Activities.Composition;
using GreenTierWorkflows.Runtime.Activities.Primitives;
using GreenTierWorkflows.Runtime.Activities.Scheduling;
using FlowchartActivity = GreenTierWorkflows.Runtime.Activities.Flowchart.Flowchart;
using FlowActivities = GreenTierWorkflows.Runtime.Activities.Flowchart;

namespace GreenTierWorkflows.Runtime.Activities;

/// <summary>Elsa's built-in activities this runtime implements, under their Elsa type names.</summary>
public static class BuiltInActivities
{
    public static IEnumerable<IActivity> All() =>
    [
        new FlowchartActivity(), new FlowActivities.FlowDecision(), new FlowActivities.FlowSwitch(), new FlowActivities.FlowFork(), new FlowActivities.FlowJoin(), new FlowActivities.FlowNode(),
        new Start(), new End(), new Finish(), new WriteLine(), new SetVariable(), new SetName(), new Correlate(), new Fault(), new NotFoundActivity(),
        new Event(), new PublishEvent(), new RunTask(),
        new Sequence(), new If(), new Switch(), new Fork(), new While(), new For(), new ForEach(), new ParallelForEach(), new Break(),
        new Delay(), new Scheduling.Timer(), new StartAt(), new Cron(),
        new SetOutput(), new Complete(), new ExecuteWorkflow(), new DispatchWorkflow(),
        new Scripting.RunJavaScript(), new Http.HttpEndpoint(), new Http.WriteHttpResponse(),
    ];

    /// <summary>A registry holding every built-in activity.</summary>
    public static ActivityRegistry CreateRegistry() => new ActivityRegistry().RegisterRange(All());
}
