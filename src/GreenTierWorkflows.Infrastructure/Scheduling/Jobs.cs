using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Runtime.Management;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Infrastructure.Scheduling;

/// <summary>Hangfire job: a workflow timer is due (a Delay/Timer/公示 bookmark, or a time trigger). Stable name, primitive arguments.</summary>
public sealed class WorkflowTimerJob(WorkflowRuntime runtime, HangfireWorkflowScheduler scheduler, ILogger<WorkflowTimerJob> logger)
{
    public Task ResumeBookmarkAsync(string bookmarkId) => runtime.ResumeDueBookmarkAsync(bookmarkId);

    /// <summary>A time trigger is due: starts its workflow, unless this job is no longer the one recorded for the trigger
    /// (a duplicate from another node or an earlier run), so each occurrence starts one instance.</summary>
    public Task FireScheduledTriggerAsync(string triggerId, string definitionId, PerformContext? context)
    {
        if (context is not null && !scheduler.IsRecordedJob(HangfireWorkflowScheduler.TriggerKey(triggerId), context.BackgroundJob.Id))
        {
            logger.LogInformation("Trigger {TriggerId}: job {JobId} is not the scheduled one; skipped.", triggerId, context.BackgroundJob.Id);
            return Task.CompletedTask;
        }
        return runtime.FireTriggerAsync(triggerId, definitionId);
    }

    /// <summary>Jobs scheduled before triggers were recorded (kept so they still run).</summary>
    public Task FireTriggerAsync(string triggerId, string definitionId) => runtime.FireTriggerAsync(triggerId, definitionId);
}

/// <summary>Hangfire recurring job: send the notices that are due (retries with backoff, dead letter; see <see cref="NoticeDispatcher"/>).</summary>
public sealed class NoticeDeliveryJob(NoticeDispatcher dispatcher, GreenTierDbContext db, TimeProvider clock)
{
    public const string Id = "notice-delivery";

    [DisableConcurrentExecution(60)]
    public Task RunAsync() => dispatcher.DispatchDueAsync(db, clock.GetUtcNow());
}

/// <summary>Hangfire recurring job: raise overdue reminders of review tasks (once each; see <see cref="TaskDeadlineMonitor"/>).</summary>
public sealed class TaskDeadlineJob(ITaskDeadlineCheck monitor)
{
    public const string Id = "task-deadlines";

    [DisableConcurrentExecution(60)]
    public Task RunAsync() => monitor.CheckAsync();
}

/// <summary>
/// Hangfire recurring job: folds the dashboard's rows of count changes into one row per count (see
/// <see cref="DashboardCountStore.CompactAsync"/>), so the dashboard reads a few rows per unit and stage.
/// </summary>
public sealed class DashboardCountJob(GreenTierDbContext db)
{
    public const string Id = "dashboard-counts";

    [DisableConcurrentExecution(60)]
    public Task RunAsync() => DashboardCountStore.CompactAsync(db);
}

/// <summary>Hangfire recurring job: window-opened notices and deadline reminders (see <see cref="IDeclarationWindowCheck"/>).</summary>
public sealed class DeclarationWindowJob(IDeclarationWindowCheck monitor, IListingReminderCheck listings)
{
    public const string Id = "declaration-windows";

    /// <summary>Also queues the listings' 动态管理表 and 复审 reminders (see <see cref="IListingReminderCheck"/>).</summary>
    [DisableConcurrentExecution(60)]
    public async Task RunAsync()
    {
        await monitor.CheckAsync();
        await listings.CheckAsync();
    }
}

/// <summary>Hangfire recurring job: certificate reminders and the monthly gap digest to districts (see <see cref="IReadinessNoticeCheck"/>).</summary>
public sealed class ReadinessNoticeJob(IReadinessNoticeCheck monitor)
{
    public const string Id = "readiness-notices";

    [DisableConcurrentExecution(60)]
    public Task RunAsync() => monitor.CheckAsync();
}

/// <summary>Hangfire recurring job: 培育梯度's stored standings assessed again for the new day (see <see cref="IReadinessStandingRefresh"/>).</summary>
public sealed class ReadinessStandingJob(IReadinessStandingRefresh standings)
{
    public const string Id = "readiness-standings";

    [DisableConcurrentExecution(600)]
    public Task RunAsync() => standings.RefreshStandingsAsync();
}
