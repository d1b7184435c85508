using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Activities.Composition;
using GreenTierWorkflows.Runtime.Activities.Primitives;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Definitions;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Persistence;
using GreenTierWorkflows.Runtime.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GreenTierWorkflows.Runtime.Management;

/// <summary>The result of a persisted step.</summary>
public sealed record WorkflowRunResult(WorkflowStepResult Step, long Stamp)
{
    public WorkflowState State => Step.State;

    /// <summary>
    /// What failed after the step was committed (scheduling, an observer, a task hand-off, a published event). The step
    /// itself is recorded either way; a failure here only means that what follows from it is still to be caught up.
    /// </summary>
    public IReadOnlyList<Exception> PostCommitFailures { get; init; } = [];

    /// <summary>The step is committed but something that follows from it (e.g. its projection) failed and is pending a retry.</summary>
    public bool ProjectionPending => PostCommitFailures.Count > 0;
}

public enum ResumeOutcome { Resumed, NotFound, AlreadyResumed }

/// <summary>The result of resuming a bookmark: resumed (with the step), unknown, or already consumed by someone else.</summary>
public sealed record ResumeResult(ResumeOutcome Outcome, WorkflowRunResult? Run, string? Message = null);

/// <summary>Raised when a definition cannot be found or is not runnable.</summary>
public sealed class WorkflowDefinitionNotFoundException(string message) : Exception(message);

/// <summary>A start with <see cref="StartWorkflowOptions.DiscardIfFaulted"/> faulted: nothing was committed.</summary>
public sealed class WorkflowStartFaultedException(string message) : Exception(message);

/// <summary>
/// The persistent workflow runtime: starts instances of stored definitions, resumes bookmarks (by id or by
/// stimulus), delivers events and task completions, and commits every step (instance + bookmarks + journal) in
/// one transaction. Loaded versions are cached by version id, so a run costs one indexed read at most.
/// </summary>
/// <remarks>
/// Cancellation: the token of a start or resume (for a web request, its <c>RequestAborted</c>) stops the run between
/// two activities, and the step is then not committed at all — the instance stays as it was before the call (a start
/// leaves no instance, a resume leaves the bookmark waiting), like any other refused request, so a client that
/// disconnects during an official's decision cannot fault the nomination, and a host shutting down does not fault the
/// timers it was running (their jobs run again). A cancelled run is logged as a warning. A run that never ends by
/// itself is stopped by <see cref="WorkflowLimits"/> instead, which records an incident and commits. Once a step is
/// committed, what follows from it (timers, projections, tasks, published events) no longer observes the token.
/// </remarks>
public sealed class WorkflowRuntime : IScheduledWorkHandler
{
    private readonly IWorkflowStore _store;
    private readonly WorkflowLoader _loader;
    private readonly WorkflowRunner _runner;
    private readonly IWorkflowScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly Func<IEnumerable<IWorkflowStepObserver>> _observers;
    private readonly ConcurrentDictionary<string, WorkflowGraph> _graphs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string VersionId, DateTimeOffset Until)> _published = new(StringComparer.Ordinal);

    /// <summary>
    /// How long this node trusts its memory of which version is published. Publishing on this node takes effect at once;
    /// a publish on another node (scale-out) is seen within this time.
    /// </summary>
    public TimeSpan PublishedVersionCacheTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <param name="observers">The post-commit pipeline (resolved when first needed, so an observer may depend on services
    /// that depend on the runtime); every one is called after every committed step, in order.</param>
    public WorkflowRuntime(IWorkflowStore store, WorkflowLoader loader, WorkflowRunner runner, IWorkflowScheduler scheduler, ILogger<WorkflowRuntime>? logger = null,
        Func<IEnumerable<IWorkflowStepObserver>>? observers = null)
    {
        var resolved = new Lazy<IWorkflowStepObserver[]>(() => (observers?.Invoke() ?? []).ToArray());
        _observers = () => resolved.Value;
        _store = store;
        _loader = loader;
        _runner = runner;
        _scheduler = scheduler;
        _logger = logger ?? NullLogger<WorkflowRuntime>.Instance;
        loader.Registry.Changed += _graphs.Clear;
        if (scheduler is InProcessWorkflowScheduler inProcess) inProcess.Handler ??= this;
    }

    public IWorkflowStore Store => _store;
    public WorkflowLoader Loader => _loader;
    public IWorkflowScheduler Scheduler => _scheduler;
    public TimeProvider Clock => _runner.Clock;
    public Expressions.ExpressionEngine Expressions => _runner.Expressions;

    /// <summary>Called for every task an <c>Elsa.RunTask</c> hands to the application (after its step committed).</summary>
    public event Func<TaskRequest, Task>? TaskRequested;

    // ---- loading ----

    /// <summary>The runnable graph of a stored version (cached by version id).</summary>
    public WorkflowGraph Load(WorkflowDefinitionRecord record) =>
        _graphs.TryGetValue(record.Id, out var cached) ? cached : LoadAsync(record).GetAwaiter().GetResult();

    /// <summary>
    /// The runnable graph of a stored version (cached by version id), with the workflows it uses as activities read from
    /// the store first (see <see cref="ResolverForAsync"/>).
    /// </summary>
    public async Task<WorkflowGraph> LoadAsync(WorkflowDefinitionRecord record, CancellationToken ct = default)
    {
        if (_graphs.TryGetValue(record.Id, out var cached)) return cached;
        var document = WorkflowDefinitionDocument.Parse(record.Json);
        var resolver = await ResolverForAsync(document, ct);
        return _graphs.GetOrAdd(record.Id, _ => _loader.Load(document, resolver));
    }

    /// <summary>
    /// Reads from the store every workflow that <paramref name="document"/> uses as an activity, and those they use in
    /// turn, in Elsa's order (pinned version id, else version number, else published, else latest); the loader then
    /// needs no I/O.
    /// </summary>
    public async Task<IWorkflowDefinitionResolver> ResolverForAsync(WorkflowDefinitionDocument document, CancellationToken ct = default)
    {
        var found = new Dictionary<WorkflowReference, WorkflowDefinitionDocument>();
        var pending = new Queue<WorkflowReference>(WorkflowReference.Collect(document.Root));
        while (pending.TryDequeue(out var reference) && found.Count < 256)
        {
            if (found.ContainsKey(reference)) continue;
            var record = (reference.VersionId is { } id && await _store.FindDefinitionByIdAsync(id, ct) is { } pinned && pinned.DefinitionId == reference.DefinitionId ? pinned : null)
                ?? (reference.VersionId is null && reference.Version is { } n ? await _store.FindDefinitionAsync(reference.DefinitionId, VersionOptions.SpecificVersion(n), ct) : null)
                ?? await _store.FindDefinitionAsync(reference.DefinitionId, VersionOptions.Published, ct)
                ?? await _store.FindDefinitionAsync(reference.DefinitionId, VersionOptions.Latest, ct);
            if (record is null) continue;
            var child = WorkflowDefinitionDocument.Parse(record.Json);
            found[reference] = child;
            foreach (var next in WorkflowReference.Collect(child.Root)) pending.Enqueue(next);
        }
        return new ReadAheadResolver(found);
    }

    private sealed class ReadAheadResolver(Dictionary<WorkflowReference, WorkflowDefinitionDocument> found) : IWorkflowDefinitionResolver
    {
        public WorkflowDefinitionDocument? Resolve(WorkflowReference reference) => found.GetValueOrDefault(reference);
    }

    /// <summary>
    /// Drops cached graphs after a draft was overwritten in place: its own, and — since a draft may be used as an activity
    /// by another cached version — every other one too (they are read again when next needed).
    /// </summary>
    public void Evict(string versionId) => _graphs.Clear();

    /// <summary>Forgets which version of a definition is published (called on save, publish, retract, delete).</summary>
    public void InvalidateDefinition(string definitionId) => _published.TryRemove(definitionId, out _);

    public async Task<WorkflowGraph?> FindGraphAsync(string definitionId, VersionOptions options, CancellationToken ct = default)
    {
        var now = Clock.GetUtcNow();
        if (options == VersionOptions.Published && _published.TryGetValue(definitionId, out var known) && known.Until > now
            && _graphs.TryGetValue(known.VersionId, out var cached))
            return cached;
        var record = await _store.FindDefinitionAsync(definitionId, options, ct);
        if (record is null) return null;
        if (options == VersionOptions.Published) _published[definitionId] = (record.Id, now + PublishedVersionCacheTime);
        return await LoadAsync(record, ct);
    }

    private async Task<WorkflowGraph> LoadVersionAsync(string versionId, CancellationToken ct)
    {
        if (_graphs.TryGetValue(versionId, out var cached)) return cached;
        var record = await _store.FindDefinitionByIdAsync(versionId, ct)
            ?? throw new WorkflowDefinitionNotFoundException($"找不到工作流版本 {versionId}。");
        return await LoadAsync(record, ct);
    }

    // ---- starting ----

    /// <summary>Starts a new instance of a stored definition (published version unless told otherwise).</summary>
    public async Task<WorkflowRunResult> StartAsync(string definitionId, StartWorkflowOptions? options = null, VersionOptions? version = null,
        Action<string>? standardOut = null, CancellationToken ct = default)
    {
        var graph = await FindGraphAsync(definitionId, version ?? VersionOptions.Published, ct)
            ?? throw new WorkflowDefinitionNotFoundException($"找不到工作流定义 '{definitionId}'（{version ?? VersionOptions.Published}）。");
        return await StartAsync(graph, options, standardOut, ct);
    }

    public async Task<WorkflowRunResult> StartAsync(WorkflowGraph graph, StartWorkflowOptions? options = null, Action<string>? standardOut = null, CancellationToken ct = default)
    {
        LogBurstStarting(graph, null);
        WorkflowStepResult step;
        try
        {
            step = await _runner.StartAsync(graph, options, standardOut, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _logger.LogWarning("执行被取消：工作流 {DefinitionId}（版本 {Version}）的新实例在活动之间停止，本次执行不保存。", graph.DefinitionId, graph.Version);
            throw;
        }
        if (options?.DiscardIfFaulted == true && step.State.SubStatus == WorkflowSubStatus.Faulted)
        {
            var incident = step.State.Incidents.LastOrDefault();
            _logger.LogError("工作流 {DefinitionId}（版本 {Version}）的新实例启动即出错，未保存：{Activity}：{Message}", graph.DefinitionId, graph.Version,
                incident?.ActivityId, incident?.Message);
            throw new WorkflowStartFaultedException($"工作流「{graph.DefinitionId}」启动时出错（{incident?.ActivityId}：{incident?.Message}），未保存。");
        }
        var stamp = await _store.CommitAsync(new WorkflowStepCommit(step.State, null, step.AddedBookmarks, [], step.Journal) { Effects = step.Effects }, ct);
        return await AfterCommitAsync(new WorkflowRunResult(step, stamp), CancellationToken.None, standardOut);
    }

    private void LogBurstStarting(WorkflowGraph graph, string? instanceId)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.LogDebug("开始执行工作流 {DefinitionId}（版本 {Version}），实例 {InstanceId}", graph.DefinitionId, graph.Version, instanceId ?? "(新)");
    }

    // ---- resuming ----

    /// <summary>Resumes a bookmark by id. Exactly one of two concurrent resumes proceeds; the other is told "already resumed".</summary>
    public async Task<ResumeResult> ResumeAsync(string bookmarkId, JsonObject? input = null, Action<string>? standardOut = null, CancellationToken ct = default)
    {
        var stored = await _store.FindBookmarkAsync(bookmarkId, ct);
        if (stored is null) return new ResumeResult(ResumeOutcome.NotFound, null, $"书签 {bookmarkId} 不存在。");
        if (stored.ConsumedAt is not null)
            return new ResumeResult(ResumeOutcome.AlreadyResumed, null, $"书签 {bookmarkId} 已于 {stored.ConsumedAt:O} 被恢复，不能重复恢复。");

        var instance = await _store.FindInstanceAsync(stored.Bookmark.WorkflowInstanceId, ct);
        if (instance is null) return new ResumeResult(ResumeOutcome.NotFound, null, $"工作流实例 {stored.Bookmark.WorkflowInstanceId} 不存在。");
        if (instance.State.Bookmarks.All(b => b.Id != bookmarkId))
            return new ResumeResult(ResumeOutcome.AlreadyResumed, null, $"书签 {bookmarkId} 已被恢复，不能重复恢复。");

        var graph = await LoadVersionAsync(instance.State.DefinitionVersionId, ct);
        LogBurstStarting(graph, instance.State.Id);
        WorkflowStepResult step;
        try
        {
            step = await _runner.ResumeAsync(graph, instance.State, bookmarkId, input, standardOut, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _logger.LogWarning("执行被取消：工作流 {DefinitionId} 的实例 {InstanceId} 在活动之间停止，本次执行不保存，书签 {BookmarkId} 仍在等待。",
                graph.DefinitionId, instance.State.Id, bookmarkId);
            throw;
        }
        long stamp;
        try
        {
            stamp = await _store.CommitAsync(new WorkflowStepCommit(step.State, instance.Stamp, step.AddedBookmarks,
                step.RemovedBookmarks.Select(b => b.Id).ToList(), step.Journal) { Effects = step.Effects }, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return new ResumeResult(ResumeOutcome.AlreadyResumed, null, $"书签 {bookmarkId} 已被另一个操作恢复，不能重复恢复。");
        }
        return new ResumeResult(ResumeOutcome.Resumed, await AfterCommitAsync(new WorkflowRunResult(step, stamp), CancellationToken.None, standardOut));
    }

    /// <summary>
    /// Delivers a stimulus: resumes every active bookmark with its hash (narrowed by correlation id or instance),
    /// and, unless aimed at one instance, starts published workflows whose trigger matches.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowRunResult>> TriggerAsync(string activityTypeName, JsonObject stimulus, JsonObject? input = null,
        string? correlationId = null, string? workflowInstanceId = null, string[]? excludeFromHash = null, CancellationToken ct = default,
        Action<string>? standardOut = null)
    {
        var hash = StimulusHasher.Hash(activityTypeName, stimulus, excludeFromHash ?? []);
        var results = new List<WorkflowRunResult>();
        foreach (var bookmark in await _store.FindBookmarksByHashAsync(hash, correlationId, workflowInstanceId, ct))
        {
            var resumed = await ResumeAsync(bookmark.Id, input, standardOut, ct);
            if (resumed.Run is not null) results.Add(resumed.Run);
        }
        if (workflowInstanceId is null)
        {
            foreach (var trigger in await _store.FindTriggersByHashAsync(hash, ct))
            {
                var graph = await LoadVersionAsync(trigger.DefinitionVersionId, ct);
                results.Add(await StartAsync(graph, new StartWorkflowOptions { TriggerActivityId = trigger.ActivityId, Input = input, CorrelationId = correlationId }, standardOut, ct));
            }
        }
        return results;
    }

    /// <summary>Publishes a named event to waiting <c>Elsa.Event</c> activities and event-triggered workflows.</summary>
    public Task<IReadOnlyList<WorkflowRunResult>> TriggerEventAsync(string eventName, JsonObject? input = null, string? correlationId = null,
        string? workflowInstanceId = null, CancellationToken ct = default) =>
        TriggerAsync("Elsa.Event", Event.Stimulus(eventName), input, correlationId, workflowInstanceId, null, ct);

    /// <summary>Completes a task handed out by <c>Elsa.RunTask</c>; its <c>Result</c> output receives <paramref name="result"/>.</summary>
    public Task<IReadOnlyList<WorkflowRunResult>> CompleteTaskAsync(string taskId, JsonNode? result, CancellationToken ct = default) =>
        TriggerAsync("Elsa.RunTask", RunTask.Stimulus(taskId), new JsonObject { ["result"] = result?.DeepClone() }, null, null, ["taskName"], ct);

    // ---- scheduling callbacks ----

    public async Task ResumeDueBookmarkAsync(string bookmarkId, CancellationToken ct = default)
    {
        var result = await ResumeAsync(bookmarkId, null, null, ct);
        if (result.Outcome != ResumeOutcome.Resumed) _logger.LogInformation("Due bookmark {BookmarkId} skipped: {Message}", bookmarkId, result.Message);
    }

    public async Task FireTriggerAsync(string triggerId, string definitionId, CancellationToken ct = default)
    {
        var trigger = (await _store.ListTriggersAsync(ct)).FirstOrDefault(t => t.Id == triggerId);
        if (trigger is null) return;
        var graph = await LoadVersionAsync(trigger.DefinitionVersionId, ct);
        await StartAsync(graph, new StartWorkflowOptions { TriggerActivityId = trigger.ActivityId }, null, ct);
        await ScheduleTriggerAsync(graph, trigger, ct);
    }

    /// <summary>After a restart: schedules every stored due bookmark and time trigger again.</summary>
    public async Task RestoreSchedulesAsync(CancellationToken ct = default)
    {
        foreach (var bookmark in await _store.ListTimedBookmarksAsync(ct)) await _scheduler.ScheduleBookmarkAsync(bookmark, ct);
        foreach (var trigger in await _store.ListTriggersAsync(ct))
        {
            var graph = await LoadVersionAsync(trigger.DefinitionVersionId, ct);
            await ScheduleTriggerAsync(graph, trigger, ct);
        }
    }

    internal async Task ScheduleTriggerAsync(WorkflowGraph graph, WorkflowTrigger trigger, CancellationToken ct)
    {
        if (graph.FindNode(trigger.ActivityId)?.Behavior is not ITriggerActivity activity || trigger.Payload is null) return;
        var schedule = activity.GetSchedule(trigger.Payload, Clock.GetUtcNow());
        if (schedule.Kind != TriggerScheduleKind.Stimulus) await _scheduler.ScheduleTriggerAsync(trigger, schedule, ct);
    }

    /// <summary>
    /// The post-commit pipeline: timers of the step, then every <see cref="IWorkflowStepObserver"/> in registration order,
    /// then task hand-offs and published events. Each part runs even if an earlier one threw; failures are logged and
    /// returned on the result (the step stays committed, and is never reported as not recorded). A timer that failed to be
    /// scheduled is scheduled again at start-up (<see cref="RestoreSchedulesAsync"/>).
    /// </summary>
    /// <param name="standardOut">Where the step's caller reads WriteLine output; child workflows started or resumed from here write there too.</param>
    private async Task<WorkflowRunResult> AfterCommitAsync(WorkflowRunResult result, CancellationToken ct, Action<string>? standardOut = null)
    {
        var step = result.Step;
        var failures = new List<Exception>();
        async Task Guard(string what, Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception e)
            {
                failures.Add(e);
                _logger.LogError(e, "工作流实例 {InstanceId} 的步骤已保存，但其后续处理失败（{What}），将稍后补做。", step.State.Id, what);
            }
        }

        foreach (var b in step.RemovedBookmarks.Where(b => b.DueAt is not null)) await Guard("取消定时", () => _scheduler.UnscheduleBookmarkAsync(b.Id, ct));
        foreach (var b in step.AddedBookmarks.Where(b => b.DueAt is not null)) await Guard("安排定时", () => _scheduler.ScheduleBookmarkAsync(b, ct));
        foreach (var observer in _observers()) await Guard(observer.GetType().Name, () => observer.OnStepCommittedAsync(result, ct));
        foreach (var request in step.TaskRequests)
            if (TaskRequested is { } handler) await Guard("任务分派", () => handler(request));
        foreach (var e in step.PublishedEvents)
        {
            var payload = e.Payload as JsonObject ?? (e.Payload is null ? null : new JsonObject { ["payload"] = e.Payload.DeepClone() });
            await Guard("发布事件 " + e.EventName, () => TriggerEventAsync(e.EventName, payload, e.IsLocal ? null : e.CorrelationId, e.IsLocal ? e.SourceInstanceId : null, ct));
        }
        foreach (var request in step.ChildWorkflowRequests)
            await Guard("启动子工作流 " + request.DefinitionId, () => StartChildAsync(step.State, request, standardOut, ct));
        if (step.State.Status == WorkflowStatus.Finished && step.State.Properties is { } properties && properties.GetBool(WaitForCompletionProperty) == true
            && properties.GetString(ParentInstanceIdProperty) is { } parentId)
            await Guard("恢复父工作流 " + parentId, () => ResumeParentAsync(parentId, properties.GetString(ParentActivityTypeProperty), step.State.Id,
                ChildWorkflowActivity.ResultOf(step.State), standardOut, ct));
        return failures.Count == 0 ? result : result with { PostCommitFailures = failures };
    }

    // ---- child workflows (Elsa.ExecuteWorkflow, Elsa.DispatchWorkflow) ----

    /// <summary>Instance property naming the instance that started this one (Elsa's <c>ParentInstanceId</c>).</summary>
    public const string ParentInstanceIdProperty = "ParentInstanceId";
    /// <summary>Instance property: the parent waits for this instance's end.</summary>
    public const string WaitForCompletionProperty = "WaitForCompletion";
    /// <summary>Instance property: the activity type of the parent's waiting bookmark.</summary>
    public const string ParentActivityTypeProperty = "ParentActivityType";
    /// <summary>Instance property: how many parents are above this instance.</summary>
    public const string CallStackDepthProperty = "CallStackDepth";

    /// <summary>How deep child workflows may nest (a workflow that runs itself stops here instead of running forever).</summary>
    public int MaxChildWorkflowDepth { get; init; } = 16;

    private async Task StartChildAsync(WorkflowState parent, ChildWorkflowRequest request, Action<string>? standardOut, CancellationToken ct)
    {
        var depth = (parent.Properties?.GetInt(CallStackDepthProperty) ?? 0) + 1;
        string? refusal = null;
        if (depth > MaxChildWorkflowDepth)
            refusal = $"子工作流嵌套超过 {MaxChildWorkflowDepth} 层（工作流「{request.DefinitionId}」），未启动；请检查工作流是否调用了自身。";
        else
        {
            var properties = new JsonObject
            {
                [ParentInstanceIdProperty] = request.ParentInstanceId,
                [ParentActivityTypeProperty] = request.ActivityTypeName,
                [CallStackDepthProperty] = depth,
            };
            if (request.WaitForCompletion) properties[WaitForCompletionProperty] = true;
            try
            {
                await StartAsync(request.DefinitionId, new StartWorkflowOptions
                {
                    InstanceId = request.InstanceId, Input = request.Input, CorrelationId = request.CorrelationId, Properties = properties,
                }, VersionOptions.Published, standardOut, ct);
                return;
            }
            catch (WorkflowDefinitionNotFoundException)
            {
                refusal = $"找不到工作流「{request.DefinitionId}」的已发布版本，子工作流未启动。";
            }
        }
        if (!request.WaitForCompletion) throw new WorkflowDefinitionNotFoundException(refusal);
        await ResumeParentAsync(request.ParentInstanceId, request.ActivityTypeName, request.InstanceId, new JsonObject { ["error"] = refusal }, standardOut, ct);
    }

    private async Task ResumeParentAsync(string parentInstanceId, string? activityType, string childInstanceId, JsonObject ended, Action<string>? standardOut,
        CancellationToken ct) =>
        await TriggerAsync(activityType ?? "Elsa.ExecuteWorkflow", ChildWorkflowActivity.Stimulus(childInstanceId),
            new JsonObject { [ChildWorkflowActivity.ResumeKey] = ended }, null, parentInstanceId, null, ct, standardOut);
}
