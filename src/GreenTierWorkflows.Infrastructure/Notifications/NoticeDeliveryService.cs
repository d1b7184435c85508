using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Infrastructure.Notifications;

/// <summary>
/// Sends due notices every <see cref="NoticeOptions.PollSeconds"/> seconds (0 disables). A thin loop standing in until a
/// Hangfire recurring job calls <see cref="NoticeDispatcher.DispatchDueAsync"/>.
/// </summary>
public sealed class NoticeDeliveryService(IServiceScopeFactory scopes, IOptions<NoticeOptions> options, TimeProvider clock, ILogger<NoticeDeliveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.PollSeconds;
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GreenTierDbContext>();
                await scope.ServiceProvider.GetRequiredService<NoticeDispatcher>().DispatchDueAsync(db, clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Notice delivery round failed.");
            }
        }
    }
}
