using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Runs a recurring Hangfire job of a test app now and waits until Hangfire's workers have finished that run.</summary>
public static class HangfireJobRunner
{
    /// <summary>
    /// Triggers <paramref name="recurringJobId"/> and waits for the background job it created to succeed, by that job's own
    /// state. Counting succeeded jobs could end the wait early: another recurring job of the app succeeding while this one sat
    /// between its queue and "Processing" (neither enqueued nor processing then) looked the same, and the test read the
    /// outbox before the delivery had run (CI, Hangfire on PostgreSQL: no reminder charged for the SMTP outage).
    /// </summary>
    public static async Task RunAsync(IServiceProvider services, string recurringJobId)
    {
        var storage = services.GetRequiredService<Hangfire.JobStorage>();
        var manager = (Hangfire.IRecurringJobManagerV2)services.GetRequiredService<Hangfire.IRecurringJobManager>();
        var jobId = manager.TriggerJob(recurringJobId)
            ?? throw new InvalidOperationException($"Hangfire created no job for the recurring job {recurringJobId}.");
        string? state = null;
        for (var i = 0; i < 600; i++)
        {
            using (var connection = storage.GetConnection())
                state = connection.GetStateData(jobId)?.Name;
            if (state == Hangfire.States.SucceededState.StateName) return;
            if (state == Hangfire.States.FailedState.StateName || state == Hangfire.States.DeletedState.StateName)
                throw new InvalidOperationException($"Hangfire's run {jobId} of {recurringJobId} ended {state}: {storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.Reason}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"Hangfire did not finish {recurringJobId} (run {jobId}) within 60 s; its state is {state ?? "unknown"}.");
    }
}
