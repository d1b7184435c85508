using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Infrastructure.Scheduling;
using GreenTierWorkflows.Runtime.Scheduling;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using GreenTierWorkflows.Infrastructure.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Web.Hosting;

/// <summary>
/// Hangfire as the scheduler of workflow timers, notice delivery and deadline checks: in-memory storage by default,
/// PostgreSQL when configured; dashboard at <c>/hangfire</c> for administrators. The database stays the source of truth:
/// at start-up every timed bookmark still waiting is scheduled again (see <see cref="StartupTasks"/>).
/// </summary>
public static class SchedulingHosting
{
    public static WebApplicationBuilder AddGreenTierScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        builder.Services.AddOptions<DeadlineCheckOptions>().BindConfiguration(DeadlineCheckOptions.Section)
            .Validate(o => o.DeadlineCheckSeconds >= 0, "Nominations:DeadlineCheckSeconds 不能为负数（0 表示关闭）。").ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SchedulingOptions>>().Value);
        var options = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!options.UsesHangfire) return builder;

        // Hangfire's recurring job delivers notices, so the module's own polling loop stands down (the deadline loop checks
        // SchedulingOptions itself); the settings stay as configured.
        builder.Services.PostConfigure<NoticeOptions>(o => o.PollSeconds = 0);
        builder.Services.AddHangfire(cfg =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (string.Equals(options.Storage, "PostgreSql", StringComparison.OrdinalIgnoreCase))
            {
                var connection = builder.Configuration.GetConnectionString("Hangfire")
                    ?? throw new InvalidOperationException("Scheduling:Storage=PostgreSql 需要连接字符串 ConnectionStrings:Hangfire。");
                cfg.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
            else
            {
                cfg.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.WorkerCount = options.WorkerCount;
        });
        if (options.ReadinessStandingsOnStart) builder.Services.AddHostedService<StandingsOnStartService>();
        builder.Services.AddSingleton<HangfireWorkflowScheduler>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IWorkflowScheduler>(sp => sp.GetRequiredService<HangfireWorkflowScheduler>()));
        return builder;
    }

    /// <summary>The dashboard (administrators only) and the recurring jobs.</summary>
    public static WebApplication UseGreenTierScheduling(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SchedulingOptions>();
        if (!options.UsesHangfire) return app;
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            AppPath = "/",
            DashboardTitle = "黄山市绿色制造 · 后台任务",
        });
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<NoticeDeliveryJob>(NoticeDeliveryJob.Id, j => j.RunAsync(), options.NoticeDeliveryCron);
        recurring.AddOrUpdate<TaskDeadlineJob>(TaskDeadlineJob.Id, j => j.RunAsync(), options.DeadlineCheckCron);
        recurring.AddOrUpdate<DeclarationWindowJob>(DeclarationWindowJob.Id, j => j.RunAsync(), options.DeadlineCheckCron);
        recurring.AddOrUpdate<ReadinessNoticeJob>(ReadinessNoticeJob.Id, j => j.RunAsync(), options.ReadinessNoticeCron);
        recurring.AddOrUpdate<ReadinessStandingJob>(ReadinessStandingJob.Id, j => j.RunAsync(), options.ReadinessStandingCron);
        recurring.AddOrUpdate<DashboardCountJob>(DashboardCountJob.Id, j => j.RunAsync(), options.DashboardCountCron);
        return app;
    }

    /// <summary>Signed-in administrators only (cookie or bearer); others get 401/403 from Hangfire.</summary>
    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
        }
    }
}
