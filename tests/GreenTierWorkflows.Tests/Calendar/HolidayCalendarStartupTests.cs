using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenTierWorkflows.Tests.Calendar;

/// <summary>The web host reads <c>Data:CalendarsDirectory</c> (default the repository's <c>calendars/</c>) at start-up.</summary>
public sealed class HolidayCalendarStartupTests
{
    [Fact]
    public void WebHost_RefusesToStart_WhenAHolidayFileIsBroken_NamingFileAndEntry()
    {
        var calendars = Directory.CreateTempSubdirectory("gtw-calendars-").FullName;
        var data = Path.Combine(Path.GetTempPath(), "gtw-calendar-startup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "calendars"), "*.json")) File.Copy(file, Path.Combine(calendars, Path.GetFileName(file)));
            var path = Path.Combine(calendars, "2026.json");
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"2026-10-10\"", "\"2026-10-09\""));
            using var factory = Host(data, calendars);

            var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.Contains("2026.json: 第 7 项「国庆节」: 调休上班日 2026-10-09 是周五，应为周六或周日", ex.ToString());
        }
        finally
        {
            Directory.Delete(calendars, true);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    [Fact]
    public void WebHost_UsesTheRepositoryCalendars_ByDefault()
    {
        var data = Path.Combine(Path.GetTempPath(), "gtw-calendar-startup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            using var factory = Host(data, null);
            using var client = factory.CreateClient();
            var calendar = factory.Services.GetRequiredService<WorkingDayCalendar>();
            Assert.Contains(2026, calendar.Years);
            Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 7)));
            // The 公示 document counts the same calendar: 5 working days from Monday 9/28 are 9/28, 9/29, 9/30, 10/8, 10/9; from 10/1 (a holiday) 10/8, 10/9, 10/10 (调休周六), 10/12, 10/13.
            using var scope = factory.Services.CreateScope();
            var documents = scope.ServiceProvider.GetRequiredService<GreenTierWorkflows.Application.Documents.DocumentService>();
            Assert.Equal((new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 9)), documents.PublicNoticePeriod(new DateOnly(2026, 9, 28)));
            Assert.Equal((new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 13)), documents.PublicNoticePeriod(new DateOnly(2026, 10, 1)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    private static WebApplicationFactory<Program> Host(string data, string? calendars) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("Data:Directory", data);
        b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
        if (calendars is not null) b.UseSetting("Data:CalendarsDirectory", calendars);
        b.UseSetting("Notices:PollSeconds", "0");
        b.UseSetting("Scheduling:Provider", "InProcess");
    });
}
