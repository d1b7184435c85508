using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Expressions;

namespace GreenTierWorkflows.Runtime.Execution;

/// <summary>Options for starting an instance.</summary>
public sealed record StartWorkflowOptions
{
    public string? InstanceId { get; init; }
    public string? CorrelationId { get; init; }
    /// <summary>The instance's name (Elsa's <c>name</c>); a <c>SetName</c> activity may change it later.</summary>
    public string? Name { get; init; }
    public JsonObject? Input { get; init; }
    /// <summary>The trigger activity that starts the instance (its flowchart starts there).</summary>
    public string? TriggerActivityId { get; init; }
    public FlowchartExecutionMode? FlowchartMode { get; init; }
    /// <summary>
    /// A start that faults is not committed at all (the runtime throws <c>WorkflowStartFaultedException</c> instead of
    /// recording a faulted instance), for callers whose own change must stand or fall with a healthy start.
    /// </summary>
    public bool DiscardIfFaulted { get; init; }
    /// <summary>Elsa's instance properties (e.g. <c>ParentInstanceId</c> of a child started by <c>Elsa.ExecuteWorkflow</c>).</summary>
    public JsonObject? Properties { get; init; }
}

/// <summary>What one step (start or resume until the instance suspends or ends) produced. Nothing is persisted yet.</summary>
public sealed record WorkflowStepResult(
    WorkflowState State,
    IReadOnlyList<string> Output,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Bookmark> AddedBookmarks,
    IReadOnlyList<Bookmark> RemovedBookmarks,
    IReadOnlyList<PublishedEvent> PublishedEvents,
    IReadOnlyList<TaskRequest> TaskRequests,
    IReadOnlyList<WorkflowEffect> Effects)
{
    /// <summary>Child instances to start once this step is committed (<c>Elsa.ExecuteWorkflow</c>, <c>Elsa.DispatchWorkflow</c>).</summary>
    public IReadOnlyList<ChildWorkflowRequest> ChildWorkflowRequests { get; init; } = [];
}

/// <summary>Runtime-wide settings.</summary>
public sealed record WorkflowRuntimeOptions
{
    public FlowchartExecutionMode DefaultFlowchartMode { get; init; } = FlowchartExecutionMode.CounterBased;
    public LogPersistenceMode DefaultLogPersistenceMode { get; init; } = LogPersistenceMode.Include;
    /// <summary>Budgets of a burst, the journal's size cap and the expression engines' limits.</summary>
    public WorkflowLimits Limits { get; init; } = new();
}

/// <summary>
/// Executes workflow steps in memory: starts new instances and resumes suspended ones from a bookmark.
/// Stateless and thread-safe; persistence is the caller's business (see <c>WorkflowRuntime</c>).
/// </summary>
public sealed class WorkflowRunner(ExpressionEngine expressions, TimeProvider clock, WorkflowRuntimeOptions options)
{
    public TimeProvider Clock => clock;
    public ExpressionEngine Expressions => expressions;
    public WorkflowRuntimeOptions Options => options;

    /// <summary>Time-ordered ids (UUID v7, 32 hex): inserts land on the last index pages instead of random ones, so a commit writes fewer pages.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// Starts an instance and runs it until it suspends or ends. A cancelled <paramref name="ct"/> stops the run between
    /// two activities with <see cref="OperationCanceledException"/>; the caller then keeps nothing of the step.
    /// </summary>
    public async Task<WorkflowStepResult> StartAsync(WorkflowGraph graph, StartWorkflowOptions? start = null, Action<string>? standardOut = null,
        CancellationToken ct = default)
    {
        start ??= new StartWorkflowOptions();
        var now = clock.GetUtcNow();
        var state = new WorkflowState
        {
            Id = start.InstanceId ?? NewId(),
            DefinitionId = graph.DefinitionId,
            DefinitionVersionId = graph.VersionId,
            DefinitionVersion = graph.Version,
            CorrelationId = start.CorrelationId,
            Name = start.Name,
            FlowchartMode = start.FlowchartMode ?? options.DefaultFlowchartMode,
            TriggerActivityId = start.TriggerActivityId,
            Input = start.Input is null ? new JsonObject() : (JsonObject)start.Input.DeepClone(),
            Properties = (JsonObject?)start.Properties?.DeepClone(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var context = CreateContext(graph, state, standardOut);
        foreach (var v in graph.Variables)
        {
            if (v.Value is null || state.Variables.ContainsKey(v.Name)) continue;
            try
            {
                context.SetVariable(v.Name, ValueConverter.FromJson(v.Value));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                state.Variables[v.Name] = v.Value.DeepClone();
            }
        }
        context.ResumeInput = start.Input;
        context.Enqueue(new WorkItem(graph.Root, null, null));
        await context.RunAsync(ct);
        return Result(context, []);
    }

    /// <summary>
    /// Resumes the instance at the bookmark with the given id, passing <paramref name="input"/> to the activity. A cancelled
    /// <paramref name="ct"/> stops the run between two activities (<paramref name="state"/> is then half-way: discard it).
    /// </summary>
    public async Task<WorkflowStepResult> ResumeAsync(WorkflowGraph graph, WorkflowState state, string bookmarkId, JsonObject? input = null,
        Action<string>? standardOut = null, CancellationToken ct = default)
    {
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId)
            ?? throw new InvalidOperationException($"实例 {state.Id} 没有书签 {bookmarkId}。");
        var before = state.Bookmarks.ToList();
        var context = CreateContext(graph, state, standardOut);
        var contexts = RestoreContexts(context, graph, state);
        if (!contexts.TryGetValue(bookmark.ActivityInstanceId, out var target))
            throw new InvalidOperationException($"书签 {bookmarkId} 指向的活动执行 {bookmark.ActivityInstanceId} 已不存在。");
        if (bookmark.AutoBurn) state.Bookmarks.Remove(bookmark);
        if (input is not null)
            foreach (var (k, v) in input) state.Input[k] = v?.DeepClone();
        context.ResumeInput = input;
        context.Enqueue(new WorkItem(target.Activity, target.Parent, null, target, bookmark));
        await context.RunAsync(ct);
        return Result(context, before);
    }

    private WorkflowExecutionContext CreateContext(WorkflowGraph graph, WorkflowState state, Action<string>? standardOut) =>
        new(graph, state, expressions, clock, NewId, options.DefaultLogPersistenceMode, options.Limits) { StandardOut = standardOut };

    private static Dictionary<string, ActivityExecutionContext> RestoreContexts(WorkflowExecutionContext workflow, WorkflowGraph graph, WorkflowState state)
    {
        var byId = state.Contexts.ToDictionary(c => c.Id);
        var restored = new Dictionary<string, ActivityExecutionContext>(StringComparer.Ordinal);
        ActivityExecutionContext? Restore(string id)
        {
            if (restored.TryGetValue(id, out var done)) return done;
            if (!byId.TryGetValue(id, out var s)) return null;
            var node = graph.FindNode(s.NodeId) ?? throw new InvalidOperationException($"工作流版本 {graph.VersionId} 中找不到活动 {s.NodeId}。");
            var parent = s.ParentId is null ? null : Restore(s.ParentId);
            var context = new ActivityExecutionContext(workflow, node, parent, s.Id, s.ScheduleInput, s.Properties, s.StartedAt, s.Status);
            restored[id] = context;
            workflow.Restore(context);
            return context;
        }
        foreach (var s in state.Contexts) Restore(s.Id);
        return restored;
    }

    private static WorkflowStepResult Result(WorkflowExecutionContext context, IReadOnlyList<Bookmark> before)
    {
        var after = context.State.Bookmarks;
        var beforeIds = before.Select(b => b.Id).ToHashSet();
        var afterIds = after.Select(b => b.Id).ToHashSet();
        return new WorkflowStepResult(
            context.State,
            context.Output,
            context.Journal,
            after.Where(b => !beforeIds.Contains(b.Id)).ToList(),
            before.Where(b => !afterIds.Contains(b.Id)).ToList(),
            context.PublishedEvents,
            context.TaskRequests,
            context.Effects) { ChildWorkflowRequests = context.ChildWorkflowRequests };
    }
}
