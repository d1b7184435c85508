using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>
/// Catches the projection up when applying effects failed after their step committed: waits
/// <c>Nominations:EffectRetrySeconds</c> (default 30) after a requested retry, and drains the effect outbox at that
/// interval anyway as a safety net (a drain with nothing new costs one indexed read). The start-up drain covers a restart.
/// </summary>
public sealed class EffectRetryService(NominationEffectApplier applier, NominationOptions options, ILogger<EffectRetryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.EffectRetrySeconds));
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await applier.DrainAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    applier.RequestRetry();
                    logger.LogError(e, "补做工作流效果失败，{Seconds} 秒后重试。", interval.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
