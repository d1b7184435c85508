using GreenTierWorkflows.Infrastructure.Scheduling;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// 培育梯度's stored standings made current once, in the background, as soon as start-up work has finished (with Hangfire as
/// the scheduler; <c>Scheduling:ReadinessStandingsOnStart</c>, on by default). The night's job (00:05 China time) is not made
/// up by in-memory storage when the app was down then, and the day's first standing filter or plan would wait for the city's
/// rebuild (8.6 s on SQLite, 11.8 s on PostgreSQL at 100,000 members). Standings already current cost the refresh two small
/// queries; a second node finds them built or waits for the node building them.
/// </summary>
public sealed class StandingsOnStartService(IServiceScopeFactory scopes, ReadinessState readiness, ILogger<StandingsOnStartService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!readiness.Ready) await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            using var scope = scopes.CreateScope();
            var generation = await scope.ServiceProvider.GetRequiredService<IReadinessStandingRefresh>().RefreshStandingsAsync(stoppingToken);
            logger.LogInformation("培育梯度 standings current after start-up: generation {Generation}", generation);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The night's job and the next standing filter build them instead: nothing is lost.
            logger.LogWarning(e, "培育梯度 standings could not be made current after start-up; the next reader will");
        }
    }
}
