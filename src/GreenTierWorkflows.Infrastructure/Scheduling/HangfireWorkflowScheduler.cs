using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Scheduling;
using Hangfire;

namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>
/// The runtime's timer contract on Hangfire: every due time becomes a delayed job of a stable job class with primitive
/// arguments. Jobs are not removed when a bookmark is consumed or a trigger retracted: the job then finds nothing to do
/// (a consumed bookmark answers "already resumed", a removed trigger is skipped), which also makes a second schedule of
/// the same bookmark after a restart harmless. The workflow store stays the source of truth.
/// </summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient jobs) : IWorkflowScheduler
{
    public Task ScheduleBookmarkAsync(Bookmark bookmark, CancellationToken ct = default)
    {
        if (bookmark.DueAt is { } due) jobs.Schedule<WorkflowTimerJob>(j => j.ResumeBookmarkAsync(bookmark.Id), due);
        return Task.CompletedTask;
    }

    public Task UnscheduleBookmarkAsync(string bookmarkId, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Schedules the next firing only; the runtime schedules the one after when it fires.</summary>
    public Task ScheduleTriggerAsync(WorkflowTrigger trigger, TriggerSchedule schedule, CancellationToken ct = default)
    {
        if (schedule.DueAt is { } due) jobs.Schedule<WorkflowTimerJob>(j => j.FireTriggerAsync(trigger.Id, trigger.DefinitionId), due);
        return Task.CompletedTask;
    }

    public Task UnscheduleTriggersAsync(string definitionId, CancellationToken ct = default) => Task.CompletedTask;
}
