using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.Extensions.Options;
using GreenTierWorkflows.Application.Listings;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Application.Windows;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Checks review-task deadlines and declaration windows every <see cref="DeadlineCheckOptions.DeadlineCheckSeconds"/> (0 turns
/// it off) when Hangfire is off; with Hangfire its recurring deadline job does this instead.
/// </summary>
public sealed class DeadlineMonitorService(IServiceScopeFactory scopes, IOptions<DeadlineCheckOptions> options, IOptions<SchedulingOptions> scheduling,
    ReadinessState readiness, TimeProvider clock, ILogger<DeadlineMonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.DeadlineCheckSeconds;
        if (seconds <= 0 || scheduling.Value.UsesHangfire) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!readiness.Ready) continue;
            try
            {
                using var scope = scopes.CreateScope();
                var queued = await scope.ServiceProvider.GetRequiredService<TaskDeadlineMonitor>().CheckAsync(stoppingToken)
                    + await scope.ServiceProvider.GetRequiredService<DeclarationWindowMonitor>().CheckAsync(stoppingToken)
                    + await scope.ServiceProvider.GetRequiredService<ListingReminderMonitor>().CheckAsync(stoppingToken)
                    + await scope.ServiceProvider.GetRequiredService<GreenTierWorkflows.Application.Readiness.ReadinessNoticeMonitor>().CheckAsync(stoppingToken);
                if (queued > 0) logger.LogInformation("Queued {Count} overdue reminders.", queued);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline check failed; will retry.");
            }
        }
    }
}
