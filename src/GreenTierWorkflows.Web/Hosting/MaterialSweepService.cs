using GreenTierWorkflows.Infrastructure.Domain;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Runs the <see cref="MaterialSweeper"/> every <c>Nominations:MaterialSweepIntervalMinutes</c> (default 60; 0 turns it
/// off) once the app is ready; start-up runs it once itself (<see cref="StartupTasks"/>). Timed on the machine's clock.
/// </summary>
public sealed class MaterialSweepService(IServiceScopeFactory scopes, MaterialStorageOptions options, ReadinessState readiness,
    ILogger<MaterialSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.MaterialSweepIntervalMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.MaterialSweepIntervalMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!readiness.Ready) continue;
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<MaterialSweeper>().SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Material sweep failed; will retry.");
            }
        }
    }
}
