using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;

namespace GreenTierWorkflows.Runtime.Scheduling;

/// <summary>
/// Where due times go: Delay/Timer/StartAt/Cron bookmarks and time-based start triggers. The in-process
/// implementation uses <see cref="TimeProvider"/> timers; the web host implements it with Hangfire jobs.
/// Implementations call back into <see cref="IScheduledWorkHandler"/> when something is due.
/// </summary>
public interface IWorkflowScheduler
{
    /// <summary>Resume <paramref name="bookmark"/> at its due time (idempotent per bookmark id).</summary>
    Task ScheduleBookmarkAsync(Bookmark bookmark, CancellationToken ct = default);
    Task UnscheduleBookmarkAsync(string bookmarkId, CancellationToken ct = default);
    /// <summary>Start the trigger's workflow on its schedule (replaces an earlier schedule of the same trigger id).</summary>
    Task ScheduleTriggerAsync(WorkflowTrigger trigger, TriggerSchedule schedule, CancellationToken ct = default);
    /// <summary>Stop every time trigger of a definition (on retract, re-publish, delete).</summary>
    Task UnscheduleTriggersAsync(string definitionId, CancellationToken ct = default);
}

/// <summary>What a scheduler calls when a time is due.</summary>
public interface IScheduledWorkHandler
{
    Task ResumeDueBookmarkAsync(string bookmarkId, CancellationToken ct = default);
    Task FireTriggerAsync(string triggerId, string definitionId, CancellationToken ct = default);
}

/// <summary>A scheduler that schedules nothing (command-line runs, where due times are resumed explicitly).</summary>
public sealed class NullWorkflowScheduler : IWorkflowScheduler
{
    public Task ScheduleBookmarkAsync(Bookmark bookmark, CancellationToken ct = default) => Task.CompletedTask;
    public Task UnscheduleBookmarkAsync(string bookmarkId, CancellationToken ct = default) => Task.CompletedTask;
    public Task ScheduleTriggerAsync(WorkflowTrigger trigger, TriggerSchedule schedule, CancellationToken ct = default) => Task.CompletedTask;
    public Task UnscheduleTriggersAsync(string definitionId, CancellationToken ct = default) => Task.CompletedTask;
}
