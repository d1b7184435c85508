using System.Collections.Concurrent;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GreenTierWorkflows.Runtime.Scheduling;

/// <summary>
/// Schedules due times with <see cref="TimeProvider"/> timers in this process (tests drive it with a fake clock).
/// Work started by timers is tracked, so callers can wait until it has settled.
/// </summary>
public sealed class InProcessWorkflowScheduler(TimeProvider clock, ILogger<InProcessWorkflowScheduler>? logger = null) : IWorkflowScheduler, IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _bookmarkTimers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string DefinitionId, ITimer Timer)> _triggerTimers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ILogger _logger = logger ?? NullLogger<InProcessWorkflowScheduler>.Instance;

    /// <summary>Receives due work; set once the runtime exists (the two depend on each other).</summary>
    public IScheduledWorkHandler? Handler { get; set; }

    public Task ScheduleBookmarkAsync(Bookmark bookmark, CancellationToken ct = default)
    {
        if (bookmark.DueAt is not { } due) return Task.CompletedTask;
        var timer = clock.CreateTimer(_ => Run(h => h.ResumeDueBookmarkAsync(bookmark.Id)), null, Delay(due), Timeout.InfiniteTimeSpan);
        if (_bookmarkTimers.TryGetValue(bookmark.Id, out var old)) old.Dispose();
        _bookmarkTimers[bookmark.Id] = timer;
        return Task.CompletedTask;
    }

    public Task UnscheduleBookmarkAsync(string bookmarkId, CancellationToken ct = default)
    {
        if (_bookmarkTimers.TryRemove(bookmarkId, out var timer)) timer.Dispose();
        return Task.CompletedTask;
    }

    public Task ScheduleTriggerAsync(WorkflowTrigger trigger, TriggerSchedule schedule, CancellationToken ct = default)
    {
        if (schedule.Kind == TriggerScheduleKind.Stimulus || schedule.DueAt is not { } due) return Task.CompletedTask;
        var timer = clock.CreateTimer(_ => Run(async h =>
        {
            _triggerTimers.TryRemove(trigger.Id, out var _);
            await h.FireTriggerAsync(trigger.Id, trigger.DefinitionId);
        }), null, Delay(due), Timeout.InfiniteTimeSpan);
        if (_triggerTimers.TryGetValue(trigger.Id, out var old)) old.Timer.Dispose();
        _triggerTimers[trigger.Id] = (trigger.DefinitionId, timer);
        return Task.CompletedTask;
    }

    public Task UnscheduleTriggersAsync(string definitionId, CancellationToken ct = default)
    {
        foreach (var (id, entry) in _triggerTimers.Where(kv => kv.Value.DefinitionId == definitionId).ToList())
            if (_triggerTimers.TryRemove(id, out _)) entry.Timer.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Number of pending bookmark timers (diagnostics and tests).</summary>
    public int PendingBookmarkCount => _bookmarkTimers.Count;

    /// <summary>Waits until work started by timers has finished (including work it started in turn).</summary>
    public async Task WhenIdleAsync()
    {
        while (!_running.IsEmpty) await Task.WhenAll(_running.Keys.ToArray());
    }

    private TimeSpan Delay(DateTimeOffset due)
    {
        var delay = due - clock.GetUtcNow();
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private void Run(Func<IScheduledWorkHandler, Task> work)
    {
        var handler = Handler;
        if (handler is null)
        {
            _logger.LogWarning("A workflow timer fired before the runtime was attached; it is dropped.");
            return;
        }
        var task = Task.Run(async () =>
        {
            try
            {
                await work(handler);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Scheduled workflow work failed.");
            }
        });
        _running[task] = 0;
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    public void Dispose()
    {
        foreach (var t in _bookmarkTimers.Values) t.Dispose();
        foreach (var t in _triggerTimers.Values) t.Timer.Dispose();
    }
}
