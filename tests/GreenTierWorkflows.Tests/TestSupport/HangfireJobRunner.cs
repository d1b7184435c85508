using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>Runs a recurring Hangfire job of a test app now and waits until Hangfire's workers have finished it.</summary>
public static class HangfireJobRunner
{
    public static async Task RunAsync(IServiceProvider services, string recurringJobId)
    {
        var monitoring = services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var before = monitoring.SucceededListCount();
        services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger(recurringJobId);
        for (var i = 0; i < 600; i++)
        {
            if (monitoring.SucceededListCount() > before && monitoring.ProcessingCount() == 0 && monitoring.EnqueuedCount("default") == 0) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Hangfire did not run {recurringJobId} (failed jobs: {monitoring.FailedCount()}).");
    }
}
