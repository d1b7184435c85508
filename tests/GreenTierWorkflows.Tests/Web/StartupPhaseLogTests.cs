using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// Cold start (issue 20): the app logs one Information line per start-up phase with its milliseconds, and the time from the
/// process start to ready, so a slow start shows where it went (the bench's <c>--startup</c> reads the same lines).
/// </summary>
public sealed class StartupPhaseLogTests
{
    [Fact]
    public async Task WebHost_LogsEveryStartupPhase_WithMilliseconds()
    {
        var data = Path.Combine(Path.GetTempPath(), "gtw-startup-phases-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var logs = new LogCapture();
        try
        {
            using (var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseSetting("Data:Directory", data);
                b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
                b.UseSetting("Notices:PollSeconds", "0");
                b.UseSetting("Scheduling:Provider", "InProcess");
                b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs));
            }))
            {
                using var client = factory.CreateClient();
                using var health = await client.GetAsync("/health");
                Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            }
            var lines = logs.Entries.Where(e => e.Level == LogLevel.Information && e.Message.StartsWith("Start-up phase ", StringComparison.Ordinal))
                .Select(e => e.Message).ToList();
            foreach (var phase in new[] { "process-to-start-up-tasks", "templates", "migrations", "seeding", "workflow-import", "effects-drain", "timers" })
                Assert.True(lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, $"^Start-up phase {phase}: \\d+ ms$")),
                    $"no 'Start-up phase {phase}: N ms' line; logged: {string.Join(" | ", lines)}");
            Assert.Contains(logs.Entries, e => e.Message.StartsWith("GreenTierWorkflows is ready ", StringComparison.Ordinal) && e.Message.EndsWith(" ms after the process started.", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }
}
