using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Infrastructure.Notifications;
using GreenTierWorkflows.Infrastructure.Persistence;
using GreenTierWorkflows.Runtime.Management;
using GreenTierWorkflows.Web.Identity;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Application.Effects;
using GreenTierWorkflows.Application.Windows;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Brings the app to a ready state before it serves requests: identity schema, roles (and demo accounts in demo
/// mode), notice templates parsed, workflow definitions from <c>workflows/</c>, and every due timer rescheduled. <c>/health</c> answers 200 after it.
/// Each phase logs its duration (<see cref="StartupPhaseLog"/>).
/// </summary>
public sealed class StartupTasks(IServiceProvider services, ReadinessState readiness, IHostApplicationLifetime lifetime, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        logger.LogInformation("Start-up phase {Phase}: {Ms:0} ms", "process-to-start-up-tasks", StartupPhaseLog.SinceProcessStart());
        var phases = new StartupPhaseLog(logger);
        lifetime.ApplicationStarted.Register(() => logger.LogInformation("Start-up phase {Phase}: {Ms:0} ms", "process-to-listening", StartupPhaseLog.SinceProcessStart()));
        // A notice template that does not parse (or is missing) stops start-up, naming the file and line.
        services.GetRequiredService<NoticeTemplateCatalog>().LoadAll();
        services.GetRequiredService<GreenTierWorkflows.Infrastructure.Documents.DocumentTemplateCatalog>().LoadAll();
        if (HolidayArrangementCoverage.Warning(services.GetRequiredService<Domain.Calendar.WorkingDayCalendar>(), services.GetRequiredService<TimeProvider>()) is { } holidays) logger.LogWarning("{Warning}（calendars/ 下缺少该年文件）", holidays);
        phases.Done("templates");
        // Scale-out: nodes sharing a PostgreSQL database run this one at a time (the second finds the schema and seed data).
        await using var startupLock = await StartupLock.AcquireAsync(services.GetRequiredService<AppDatabase>(), ct);
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        phases.Done("lock");
        await phases.RunAsync("migrations", () => sp.GetRequiredService<GreenTierDbContext>().Database.MigrateIfBehindAsync(ct)); // a database behind this build is migrated here
        await phases.RunAsync("material-import", () => sp.GetRequiredService<MaterialFileImporter>().ImportAsync(ct)); // material files of earlier versions
        await sp.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        await sp.GetRequiredService<BootstrapAdministrator>().EnsureAsync(ct);
        await sp.GetRequiredService<DemoRegistrySeeder>().SeedAsync(ct);
        await sp.GetRequiredService<DemoReadinessSeeder>().SeedAsync(ct);
        if (sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.Enabled)
            await DemoWindowSeeder.SeedAsync(sp.GetRequiredService<GreenTierDbContext>(), sp.GetRequiredService<TimeProvider>(), ct);
        var defaults = sp.GetRequiredService<IConfiguration>().GetSection("DeclarationWindows:Defaults").Get<List<DeclarationWindowDefault>>() ?? [];
        await DeclarationWindowDefaults.SeedAsync(sp.GetRequiredService<GreenTierDbContext>(), defaults, sp.GetRequiredService<TimeProvider>(), ct);
        phases.Done("seeding");
        await phases.RunAsync("workflow-import", () => sp.GetRequiredService<WorkflowFolderImporter>().ImportAsync(ct));
        var runtime = sp.GetRequiredService<WorkflowRuntime>();
        var effects = sp.GetRequiredService<NominationEffectApplier>();
        await phases.RunAsync("effects-drain", () => effects.DrainAsync(ct)); // effects committed before a crash or restart
        await phases.RunAsync("material-sweep", () => sp.GetRequiredService<MaterialSweeper>().SweepAsync(ct)); // files of decisions a crash left unrecorded
        await phases.RunAsync("timers", () => runtime.RestoreSchedulesAsync(ct));
        readiness.Ready = true;
        logger.LogInformation("GreenTierWorkflows is ready {Ms:0} ms after the process started.", StartupPhaseLog.SinceProcessStart());
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
