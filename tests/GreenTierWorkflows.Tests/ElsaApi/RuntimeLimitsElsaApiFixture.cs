using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Tests.ElsaApi;

/// <summary>
/// <see cref="ElsaApiFixture"/> with small runtime budgets set through configuration (<c>Runtime:Limits</c>) and the
/// runtime's log captured (Debug and up), so runaway and cancelled runs end quickly and can be watched.
/// </summary>
public sealed class RuntimeLimitsElsaApiFixture : ElsaApiFixture
{
    public const int MaxActivitiesPerBurst = 20_000;

    public LogCapture Logs { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.UseSetting("Runtime:Limits:MaxActivitiesPerBurst", MaxActivitiesPerBurst.ToString());
        builder.UseSetting("Runtime:Limits:MaxBurstDuration", "00:05:00");
        builder.UseSetting("Runtime:Limits:JavaScript:MaxStatements", "0"); // the busy-waiting test script is bounded by its timeout
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.Configure<LoggerFilterOptions>(o => o.AddFilter<LogCapture>("GreenTierWorkflows.Runtime", LogLevel.Debug));
        });
    }
}
