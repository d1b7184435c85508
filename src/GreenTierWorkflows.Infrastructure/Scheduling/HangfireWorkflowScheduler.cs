using System.Globalization;
using GreenTierWorkflows.Runtime.Activities;
using GreenTierWorkflows.Runtime.Bookmarks;
using GreenTierWorkflows.Runtime.Scheduling;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>
/// The runtime's timer contract on Hangfire: every due time becomes a delayed job of a stable job class with primitive
/// arguments. Scheduling is idempotent per bookmark and per trigger: the job created for a timer is recorded in Hangfire's
/// storage (a hash per timer, written under a distributed lock), and scheduling the same timer for the same time again —
/// every app node restores the stored timers at start-up, and persistent storage keeps the jobs of the last run — leaves
/// the live job alone. A trigger's job fires only if it is still the recorded one, so a time trigger starts one
/// instance per occurrence however many nodes there are. The workflow store stays the source of truth: a bookmark job
/// whose bookmark was consumed meanwhile finds nothing to do ("already resumed").
/// </summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient jobs, JobStorage storage) : IWorkflowScheduler
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    /// <summary>How long a timer's record outlives its due time (then Hangfire expires it).</summary>
    private static readonly TimeSpan RecordKeptAfterDue = TimeSpan.FromDays(7);

    public static string BookmarkKey(string bookmarkId) => "greentier:timer:bookmark:" + bookmarkId;
    public static string TriggerKey(string triggerId) => "greentier:timer:trigger:" + triggerId;

    public Task ScheduleBookmarkAsync(Bookmark bookmark, CancellationToken ct = default)
    {
        if (bookmark.DueAt is { } due)
            ScheduleOnce(BookmarkKey(bookmark.Id), due, () => jobs.Schedule<WorkflowTimerJob>(j => j.ResumeBookmarkAsync(bookmark.Id), due));
        return Task.CompletedTask;
    }

    public Task UnscheduleBookmarkAsync(string bookmarkId, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Schedules the next firing only; the runtime schedules the one after when it fires.</summary>
    public Task ScheduleTriggerAsync(WorkflowTrigger trigger, TriggerSchedule schedule, CancellationToken ct = default)
    {
        if (schedule.DueAt is { } due)
            ScheduleOnce(TriggerKey(trigger.Id), due, () => jobs.Schedule<WorkflowTimerJob>(j => j.FireScheduledTriggerAsync(trigger.Id, trigger.DefinitionId, null), due));
        return Task.CompletedTask;
    }

    public Task UnscheduleTriggersAsync(string definitionId, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Whether <paramref name="jobId"/> is the job recorded for the timer <paramref name="key"/>.</summary>
    public bool IsRecordedJob(string key, string jobId)
    {
        using var connection = storage.GetConnection();
        var record = connection.GetAllEntriesFromHash(key);
        return record is not null && record.TryGetValue("JobId", out var recorded) && recorded == jobId;
    }

    /// <summary>
    /// One live job per timer: a timer whose recorded job is for the same due time and still scheduled, enqueued or
    /// running is left as it is; otherwise a new job is created and recorded (a recorded job still waiting for another
    /// time is deleted: the new schedule replaces it).
    /// </summary>
    private void ScheduleOnce(string key, DateTimeOffset due, Func<string> schedule)
    {
        var dueText = due.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        using var connection = storage.GetConnection();
        using var _ = connection.AcquireDistributedLock(key, LockTimeout);
        var record = connection.GetAllEntriesFromHash(key);
        if (record is not null && record.TryGetValue("JobId", out var jobId))
        {
            var state = connection.GetStateData(jobId)?.Name;
            var live = state == ScheduledState.StateName || state == EnqueuedState.StateName || state == ProcessingState.StateName;
            if (live && record.TryGetValue("DueAt", out var recordedDue) && recordedDue == dueText) return;
            if (state == ScheduledState.StateName) jobs.Delete(jobId);
        }

        var newJobId = schedule();
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(key, [new("JobId", newJobId), new("DueAt", dueText)]);
        if (transaction is JobStorageTransaction expiring)
            expiring.ExpireHash(key, (due - DateTimeOffset.UtcNow).Duration() + RecordKeptAfterDue);
        transaction.Commit();
    }
}
