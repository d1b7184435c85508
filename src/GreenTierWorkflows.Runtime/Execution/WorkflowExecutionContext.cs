using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>
/// One step of one workflow instance in memory: the FIFO scheduler (as Elsa's default queue scheduler), the
/// activity executions in progress, and what the step produced (journal, output lines, incidents).
/// </summary>
public sealed class WorkflowExecutionContext : IExpressionScope
{
    private readonly Queue<WorkItem> _queue = new();
    private readonly Dictionary<string, ActivityExecutionContext> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariableDeclaration> _variablesById = new(StringComparer.Ordinal);
    private readonly Func<string> _newId;

    internal WorkflowExecutionContext(WorkflowGraph graph, WorkflowState state, ExpressionEngine expressions, TimeProvider clock,
        Func<string> newId, LogPersistenceMode defaultLogMode, WorkflowLimits? limits = null)
    {
        Graph = graph;
        State = state;
        Expressions = expressions;
        Clock = clock;
        _newId = newId;
        DefaultLogMode = defaultLogMode;
        Limits = limits ?? new WorkflowLimits();
        foreach (var v in graph.Variables) _variablesById.TryAdd(v.Id, v);
    }

    public WorkflowGraph Graph { get; }
    public WorkflowState State { get; }
    public ExpressionEngine Expressions { get; }
    public TimeProvider Clock { get; }
    public DateTimeOffset Now => Clock.GetUtcNow();
    public FlowchartExecutionMode FlowchartMode => State.FlowchartMode;
    internal LogPersistenceMode DefaultLogMode { get; }
    /// <summary>The budget of this burst and the journal's size cap.</summary>
    public WorkflowLimits Limits { get; }
    /// <summary>Activities executed (started or resumed) in this burst.</summary>
    public int ExecutedActivityCount { get; private set; }
    /// <summary>Bytes of activity inputs the journal of this burst stores so far (see <see cref="WorkflowLimits.MaxJournalBytesPerBurst"/>).</summary>
    internal long JournalStateBytes { get; set; }

    /// <summary>Lines written by WriteLine during this step, in order.</summary>
    public List<string> Output { get; } = [];
    /// <summary>Journal entries added during this step.</summary>
    public List<JournalEntry> Journal { get; } = [];
    /// <summary>The value of the last output set (Elsa's "last result").</summary>
    public object? LastResult { get; set; }
    /// <summary>Input delivered with the bookmark being resumed (event payload, task result, decision…).</summary>
    public JsonObject? ResumeInput { get; internal set; }
    /// <summary>Events published by <c>Elsa.PublishEvent</c> during this step, delivered after it commits.</summary>
    public List<PublishedEvent> PublishedEvents { get; } = [];
    /// <summary>Tasks requested by <c>Elsa.RunTask</c> during this step, dispatched after it commits.</summary>
    public List<TaskRequest> TaskRequests { get; } = [];
    /// <summary>Child instances requested by <c>Elsa.ExecuteWorkflow</c> / <c>Elsa.DispatchWorkflow</c>, started after this step commits.</summary>
    public List<ChildWorkflowRequest> ChildWorkflowRequests { get; } = [];
    /// <summary>Application effects emitted during this step; committed with it.</summary>
    public List<WorkflowEffect> Effects { get; } = [];
    /// <summary>Sink for WriteLine besides <see cref="Output"/> (e.g. the console).</summary>
    public Action<string>? StandardOut { get; set; }

    public IEnumerable<ActivityExecutionContext> ActiveContexts => _active.Values;
    public IEnumerable<WorkItem> ScheduledItems => _queue;
    public bool IsTerminated => State.SubStatus is WorkflowSubStatus.Finished or WorkflowSubStatus.Faulted or WorkflowSubStatus.Cancelled;

    public string NewId() => _newId();

    // ---- IExpressionScope -------------------------------------------------------------------------------

    public string WorkflowInstanceId => State.Id;
    public string? CorrelationId { get => State.CorrelationId; set => State.CorrelationId = value; }
    public JsonObject Input => State.Input;

    public IEnumerable<string> VariableNames =>
        Graph.Variables.Select(v => v.Name).Concat(State.Variables.Select(kv => kv.Key)).Distinct(StringComparer.Ordinal);

    public bool TryGetVariable(string nameOrId, out object? value)
    {
        var name = ResolveVariableName(nameOrId);
        if (State.Variables.TryGetPropertyValue(name, out var node))
        {
            value = ValueConverter.FromJson(node);
            return true;
        }
        value = null;
        return Graph.Variables.Any(v => v.Name == name);
    }

    public void SetVariable(string nameOrId, object? value)
    {
        var name = ResolveVariableName(nameOrId);
        var declared = Graph.Variables.FirstOrDefault(v => v.Name == name);
        var converted = declared is null || declared.IsArray ? value : ValueConverter.Convert(value, declared.TypeName);
        State.Variables[name] = ValueConverter.ToJson(converted);
    }

    private string ResolveVariableName(string nameOrId) =>
        _variablesById.TryGetValue(nameOrId, out var declared) ? declared.Name : nameOrId;

    // ---- Scheduling and lifecycle -------------------------------------------------------------------------

    internal void Enqueue(WorkItem item) => _queue.Enqueue(item);

    internal void Restore(ActivityExecutionContext context) => _active[context.Id] = context;

    /// <summary>True while anything owned (directly or below) by <paramref name="owner"/> is running or scheduled.</summary>
    public bool HasPendingWork(ActivityExecutionContext owner)
    {
        foreach (var c in _active.Values)
            if (c != owner && c.Status == ActivityStatus.Running && IsDescendant(c, owner)) return true;
        foreach (var item in _queue)
            if (item.Owner is not null && (item.Owner == owner || IsDescendant(item.Owner, owner))) return true;
        return false;
    }

    private static bool IsDescendant(ActivityExecutionContext context, ActivityExecutionContext ancestor)
    {
        for (var p = context.Parent; p is not null; p = p.Parent)
            if (p == ancestor) return true;
        return false;
    }

    /// <summary>
    /// Runs scheduled work until the queue is empty or the workflow ends. Between two activities it checks the burst's
    /// budget (<see cref="WorkflowLimits.MaxActivitiesPerBurst"/>, <see cref="WorkflowLimits.MaxBurstDuration"/>: over it,
    /// the instance gets an incident naming the activity run most often and is faulted) and <paramref name="ct"/> (a
    /// cancelled token throws <see cref="OperationCanceledException"/>: the step is abandoned, nothing of it is kept).
    /// </summary>
    internal async Task RunAsync(CancellationToken ct = default)
    {
        State.SubStatus = WorkflowSubStatus.Executing;
        var maxActivities = Limits.MaxActivitiesPerBurst;
        var maxTicks = Limits.MaxBurstDuration > TimeSpan.Zero
            ? (long)Math.Min(Limits.MaxBurstDuration.TotalSeconds * Clock.TimestampFrequency, long.MaxValue / 2)
            : 0;
        var started = maxTicks > 0 ? Clock.GetTimestamp() : 0;
        while (!IsTerminated && _queue.TryDequeue(out var item))
        {
            if (item.Owner is not null && item.Owner.Status != ActivityStatus.Running) continue;
            if (item is { Bookmark: not null, Existing.Status: not ActivityStatus.Running }) continue;
            ct.ThrowIfCancellationRequested();
            if (maxActivities > 0 && ExecutedActivityCount >= maxActivities)
            {
                FaultOverBudget($"本次执行的活动数达到上限 {maxActivities:N0} 个");
                break;
            }
            if (maxTicks > 0 && Clock.GetTimestamp() - started > maxTicks)
            {
                FaultOverBudget($"本次执行的运行时间超出上限 {Limits.MaxBurstDuration.TotalSeconds:0.###} 秒（已执行 {ExecutedActivityCount:N0} 个活动）");
                break;
            }
            ExecutedActivityCount++;
            ActivityExecutionContext context;
            if (item.Bookmark is not null && item.Existing is not null)
            {
                context = item.Existing;
                context.ResumedBookmark = item.Bookmark;
                AddJournal(context, "Resumed");
                await GuardAsync(context, () => context.Activity.Behavior.ResumeAsync(context, item.Bookmark));
            }
            else
            {
                context = new ActivityExecutionContext(this, item.Activity, item.Owner, NewId(), item.Input, null, Now);
                _active[context.Id] = context;
                AddJournal(context, "Started");
                await GuardAsync(context, () => context.Activity.Behavior.ExecuteAsync(context));
            }
        }

        if (State.SubStatus == WorkflowSubStatus.Executing)
            State.SubStatus = State.Bookmarks.Count > 0 ? WorkflowSubStatus.Suspended : _active.Count == 0 ? WorkflowSubStatus.Finished : WorkflowSubStatus.Suspended;
        State.Status = WorkflowState.MainStatus(State.SubStatus);
        State.UpdatedAt = Now;
        if (State.Status == WorkflowStatus.Finished) State.FinishedAt ??= Now;
        State.Contexts = _active.Values.Select(c => new ActivityContextState
        {
            Id = c.Id, NodeId = c.Activity.NodeId, ParentId = c.Parent?.Id, Status = c.Status,
            Properties = c.Properties.Count == 0 ? null : c.Properties, ScheduleInput = c.ScheduleInput, StartedAt = c.StartedAt,
        }).ToList();
    }

    private async ValueTask GuardAsync(ActivityExecutionContext context, Func<ValueTask> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fault(context, ex);
        }
    }

    /// <summary>Records an incident on the activity and faults the instance (Elsa's default incident strategy).</summary>
    public void Fault(ActivityExecutionContext context, Exception exception)
    {
        var message = exception is ExpressionException or WorkflowFaultException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        message = JournalValueLimiter.Limit(message, Limits.MaxJournalEntryBytes)!;
        context.Status = ActivityStatus.Faulted;
        State.Incidents.Add(new WorkflowIncident(context.Activity.Id, context.Activity.NodeId, context.Activity.Type, message, exception.GetType().Name, Now));
        AddJournal(context, "Faulted", message: message);
        State.SubStatus = WorkflowSubStatus.Faulted;
        _queue.Clear();
    }

    /// <summary>
    /// The burst went over its budget: an incident on the activity started most often in this burst (a loop with no way
    /// out shows there), and the instance is faulted. Counted from this burst's journal, so the hot path keeps no tally.
    /// </summary>
    private void FaultOverBudget(string reason)
    {
        var counts = new Dictionary<string, (int Count, JournalEntry Last)>(StringComparer.Ordinal);
        foreach (var entry in Journal)
        {
            if (entry.EventName is not ("Started" or "Resumed")) continue;
            counts[entry.ActivityNodeId] = (counts.TryGetValue(entry.ActivityNodeId, out var c) ? c.Count + 1 : 1, entry);
        }
        var (count, last) = counts.Count == 0 ? (0, null) : counts.Values.MaxBy(c => c.Count);
        string message;
        if (last is null)
        {
            message = $"{reason}，执行已中止。";
            State.Incidents.Add(new WorkflowIncident(Graph.Root.Id, Graph.Root.NodeId, Graph.Root.Type, message, nameof(WorkflowLimitExceededException), Now));
        }
        else
        {
            var name = string.IsNullOrEmpty(last.ActivityName) ? last.ActivityId : last.ActivityName;
            message = $"{reason}，执行已中止。执行最多的活动是「{name}」（ID {last.ActivityId}，类型 {last.ActivityType}），本次执行了 {count:N0} 次，"
                + "请检查它是否连回自身或处在没有出口的循环中。";
            State.Incidents.Add(new WorkflowIncident(last.ActivityId, last.ActivityNodeId, last.ActivityType, message, nameof(WorkflowLimitExceededException), Now));
            Journal.Add(last with { Sequence = State.JournalSequence++, EventName = "Faulted", Outcome = null, Message = message, Timestamp = Now, ActivityState = null });
        }
        State.SubStatus = WorkflowSubStatus.Faulted;
        _queue.Clear();
    }

    internal async ValueTask CompleteAsync(ActivityExecutionContext context, Outcomes outcomes)
    {
        if (context.Status != ActivityStatus.Running) return;
        context.Status = ActivityStatus.Completed;
        State.Bookmarks.RemoveAll(b => b.ActivityInstanceId == context.Id);
        _active.Remove(context.Id);
        AddJournal(context, "Completed", outcomes.ToString());

        if (IsTerminated) return;
        if (context.Parent is null)
        {
            State.SubStatus = WorkflowSubStatus.Finished;
            return;
        }
        if (context.Parent.Status == ActivityStatus.Running && context.Parent.Activity.Behavior is IContainerActivity container)
            await container.OnChildCompletedAsync(context.Parent, context, outcomes);
    }

    internal async ValueTask CancelAsync(ActivityExecutionContext context)
    {
        if (context.Status != ActivityStatus.Running) return;
        foreach (var child in _active.Values.Where(c => c.Parent == context).ToList()) await CancelAsync(child);
        context.Status = ActivityStatus.Canceled;
        State.Bookmarks.RemoveAll(b => b.ActivityInstanceId == context.Id);
        _active.Remove(context.Id);
        RemoveQueued(i => i.Owner == context || i.Existing == context);
        AddJournal(context, "Canceled");
        if (context.Parent is { Status: ActivityStatus.Running } parent && parent.Activity.Behavior is IContainerActivity container)
            await container.OnChildCanceledAsync(parent, context);
    }

    /// <summary>Drops work scheduled by <paramref name="owner"/> that has not started yet.</summary>
    public int RemoveQueuedFor(ActivityExecutionContext owner) => RemoveQueued(i => i.Owner == owner);

    internal int RemoveQueued(Func<WorkItem, bool> predicate)
    {
        var keep = _queue.Where(i => !predicate(i)).ToList();
        var removed = _queue.Count - keep.Count;
        if (removed == 0) return 0;
        _queue.Clear();
        foreach (var i in keep) _queue.Enqueue(i);
        return removed;
    }

    /// <summary>
    /// Ends a composite (a workflow used as an activity) at once, as Elsa's <c>CompleteCompositeSignal</c> does: everything
    /// still running or scheduled inside it is dropped without notifying anyone, then it completes with
    /// <paramref name="outcomes"/> and its parent follows them.
    /// </summary>
    public async ValueTask CompleteCompositeAsync(ActivityExecutionContext composite, Outcomes outcomes)
    {
        if (composite.Status != ActivityStatus.Running) return;
        foreach (var c in _active.Values.Where(c => c != composite && IsDescendant(c, composite)).ToList())
        {
            c.Status = ActivityStatus.Canceled;
            State.Bookmarks.RemoveAll(b => b.ActivityInstanceId == c.Id);
            _active.Remove(c.Id);
        }
        RemoveQueued(i => i.Owner is not null && (i.Owner == composite || IsDescendant(i.Owner, composite)));
        await CompleteAsync(composite, outcomes);
    }

    /// <summary>Ends the whole workflow at once (Elsa.Finish): nothing else runs, no bookmark stays.</summary>
    public void Finish()
    {
        _queue.Clear();
        State.Bookmarks.Clear();
        foreach (var c in _active.Values.ToList())
        {
            if (c.Status == ActivityStatus.Running) c.Status = ActivityStatus.Completed;
        }
        _active.Clear();
        State.SubStatus = WorkflowSubStatus.Finished;
    }

    internal void WriteLine(string text)
    {
        Output.Add(text);
        StandardOut?.Invoke(text);
    }

    internal void AddJournal(ActivityExecutionContext context, string eventName, string? outcome = null, string? message = null)
    {
        Journal.Add(new JournalEntry
        {
            WorkflowInstanceId = State.Id,
            Sequence = State.JournalSequence++,
            ActivityInstanceId = context.Id,
            ActivityId = context.Activity.Id,
            ActivityNodeId = context.Activity.NodeId,
            ActivityType = context.Activity.Type,
            ActivityName = context.Activity.Json.GetString("name"),
            EventName = eventName,
            Outcome = outcome,
            Message = message,
            Timestamp = Now,
            ActivityState = eventName == "Completed" ? LogPersistence.Capture(this, context) : null,
        });
    }
}

/// <summary>An event published by a workflow; local events only reach the publishing instance.</summary>
public sealed record PublishedEvent(string EventName, string? CorrelationId, bool IsLocal, JsonNode? Payload, string SourceInstanceId);

/// <summary>A task handed to the application by <c>Elsa.RunTask</c>; completing it resumes the workflow.</summary>
public sealed record TaskRequest(string TaskId, string TaskName, JsonNode? Payload, string WorkflowInstanceId);

/// <summary>
/// A separate child instance asked for by <c>Elsa.ExecuteWorkflow</c> or <c>Elsa.DispatchWorkflow</c>: started once the
/// parent's step is committed; when <paramref name="WaitForCompletion"/>, its end resumes the parent's bookmark.
/// </summary>
public sealed record ChildWorkflowRequest(string InstanceId, string DefinitionId, JsonObject Input, string? CorrelationId, string ParentInstanceId,
    bool WaitForCompletion, string ActivityTypeName);

/// <summary>Thrown by <c>Elsa.Fault</c>: a deliberate fault with a designer-written message.</summary>
public sealed class WorkflowFaultException(string message) : Exception(message);
