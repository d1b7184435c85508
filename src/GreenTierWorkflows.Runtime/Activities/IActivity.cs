using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;

namespace GreenTierWorkflows.Runtime.Activities;

/// <summary>
/// The behaviour of one activity type. Implementations are stateless singletons: everything an execution
/// needs to remember lives in its <see cref="ActivityExecutionContext"/> (persisted with the instance).
/// </summary>
public interface IActivity
{
    /// <summary>Elsa-compatible description (type name, ports, inputs, outputs).</summary>
    ActivityDescriptor Descriptor { get; }

    /// <summary>Runs the activity. It completes, schedules children, or creates a bookmark and waits.</summary>
    ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>Called when a bookmark created by this activity is resumed. Default: complete with <c>Done</c>.</summary>
    ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark) => context.CompleteAsync();

    /// <summary>Checks and pre-computes what the activity needs from its JSON (called once per loaded version).</summary>
    void Prepare(ActivityNode node, WorkflowCompilation compilation) { }
}

/// <summary>An activity that owns child activities and decides what happens when one of them completes.</summary>
public interface IContainerActivity : IActivity
{
    ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, Outcomes outcomes);

    /// <summary>Called when a child is cancelled (e.g. by a WaitAny join). Default: nothing.</summary>
    ValueTask OnChildCanceledAsync(ActivityExecutionContext context, ActivityExecutionContext child) => ValueTask.CompletedTask;
}

/// <summary>Marks activities that end their flowchart when reached (Elsa's <c>ITerminalNode</c>).</summary>
public interface ITerminalActivity;

/// <summary>Marks loops that a <c>Break</c> inside them ends.</summary>
public interface IBreakTarget;

/// <summary>The outcomes an activity completed with; connections whose source port matches are followed.</summary>
public sealed class Outcomes(IReadOnlyList<string> names)
{
    public static readonly Outcomes Default = new(["Done"]);
    public static readonly Outcomes Empty = new([]);
    public IReadOnlyList<string> Names { get; } = names;
    public bool Contains(string port) => Names.Contains(port);
    public override string ToString() => string.Join(",", Names);
}
