using GreenTierWorkflows.Infrastructure.Domain;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>Checks review-task deadlines and declaration windows (when Hangfire is off) every <c>Nominations:DeadlineCheckSeconds</c> (default 60; 0 turns it off).</summary>
public sealed class DeadlineMonitorService(IServiceScopeFactory scopes, IConfiguration configuration, ReadinessState readiness,
    TimeProvider clock, ILogger<DeadlineMonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Nominations:DeadlineCheckSeconds", 60);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!readiness.Ready) continue;
            try
            {
                using var scope = scopes.CreateScope();
                var queued = await scope.ServiceProvider.GetRequiredService<TaskDeadlineMonitor>().CheckAsync(stoppingToken)
                    + await scope.ServiceProvider.GetRequiredService<DeclarationWindowMonitor>().CheckAsync(stoppingToken)
                    + await scope.ServiceProvider.GetRequiredService<ListingReminderMonitor>().CheckAsync(stoppingToken);
                if (queued > 0) logger.LogInformation("Queued {Count} overdue reminders.", queued);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline check failed; will retry.");
            }
        }
    }
}

/// <summary>Demo mode: a declaration window per type and tier for the current year, open all year, so a newcomer can walk a nomination.</summary>
public static class DemoWindowSeeder
{
    public static Task SeedAsync(GreenTierDbContext db, TimeProvider clock, CancellationToken ct) =>
        DeclarationWindowDefaults.SeedAsync(db,
            from type in Enum.GetValues<GreenTierWorkflows.Domain.Nominations.NominationType>()
            from tier in Enum.GetValues<GreenTierWorkflows.Domain.Nominations.Tier>()
            select new DeclarationWindowDefault { Type = type, Tier = tier, Opens = "01-01", Closes = "12-31 23:59", DistrictDeadline = "12-31 23:59" },
            clock, ct);
}
