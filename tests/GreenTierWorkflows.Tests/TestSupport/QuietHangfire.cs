using Microsoft.AspNetCore.Hosting;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// A test app scheduled by Hangfire on in-memory storage with every recurring job due only once a year (a test triggers the one
/// it checks) and the app's own polling loops off, so nothing runs that the test did not ask for.
/// </summary>
public static class QuietHangfire
{
    public const string Yearly = "0 0 1 1 *";

    public static IWebHostBuilder UseQuietHangfire(this IWebHostBuilder builder)
    {
        builder.UseSetting("Scheduling:Provider", "Hangfire");
        builder.UseSetting("Scheduling:Storage", "InMemory");
        foreach (var cron in new[] { "NoticeDeliveryCron", "DeadlineCheckCron", "ReadinessNoticeCron", "ReadinessStandingCron", "DashboardCountCron" })
            builder.UseSetting("Scheduling:" + cron, Yearly);
        builder.UseSetting("Notices:PollSeconds", "0");
        return builder.UseSetting("Nominations:DeadlineCheckSeconds", "0");
    }
}
