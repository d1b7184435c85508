using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Runtime.Activities;
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
        _graphs.GetOrAdd(record.Id, _ => _loader.Load(WorkflowDefinitionDocument.Parse(record.Json)));

    /// <summary>Drops a cached version (a draft was overwritten in place).</summary>
    public void Evict(string versionId) => _graphs.TryRemove(versionId, out _);

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
        return Load(record);
    }

    private async Task<WorkflowGraph> LoadVersionAsync(string versionId, CancellationToken ct)
    {
        if (_graphs.TryGetValue(versionId, out var cached)) return cached;
        var record = await _store.FindDefinitionByIdAsync(versionId, ct)
            ?? throw new WorkflowDefinitionNotFoundException($"找不到工作流版本 {versionId}。");
        return Load(record);
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
        return await AfterCommitAsync(new WorkflowRunResult(step, stamp), CancellationToken.None);
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
        return new ResumeResult(ResumeOutcome.Resumed, await AfterCommitAsync(new WorkflowRunResult(step, stamp), CancellationToken.None));
    }

    /// <summary>
    /// Delivers a stimulus: resumes every active bookmark with its hash (narrowed by correlation id or instance),
    /// and, unless aimed at one instance, starts published workflows whose trigger matches.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowRunResult>> TriggerAsync(string activityTypeName, JsonObject stimulus, JsonObject? input = null,
        string? correlationId = null, string? workflowInstanceId = null, string[]? excludeFromHash = null, CancellationToken ct = default)
    {
        var hash = StimulusHasher.Hash(activityTypeName, stimulus, excludeFromHash ?? []);
        var results = new List<WorkflowRunResult>();
        foreach (var bookmark in await _store.FindBookmarksByHashAsync(hash, correlationId, workflowInstanceId, ct))
        {
            var resumed = await ResumeAsync(bookmark.Id, input, null, ct);
            if (resumed.Run is not null) results.Add(resumed.Run);
        }
        if (workflowInstanceId is null)
        {
            foreach (var trigger in await _store.FindTriggersByHashAsync(hash, ct))
            {
                var graph = await LoadVersionAsync(trigger.DefinitionVersionId, ct);
                results.Add(await StartAsync(graph, new StartWorkflowOptions { TriggerActivityId = trigger.ActivityId, Input = input, CorrelationId = correlationId }, null, ct));
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
    private async Task<WorkflowRunResult> AfterCommitAsync(WorkflowRunResult result, CancellationToken ct)
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
        return failures.Count == 0 ? result : result with { PostCommitFailures = failures };
    }
}
