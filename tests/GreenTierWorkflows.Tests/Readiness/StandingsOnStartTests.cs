using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;
using GreenTierWorkflows.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>
/// With Hangfire as the scheduler the app makes 培育梯度's standings current once after start-up, so that a night's job missed
/// while the app was down (in-memory storage does not make it up) does not leave the day's first standing filter waiting for
/// the city's rebuild. No demo data and nothing reads the ladder.
/// </summary>
[Collection(GreenTierWorkflows.Tests.TestSupport.HangfireCollection.Name)]
public sealed class StandingsOnStartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-standings-start-" + Guid.NewGuid().ToString("N"));

    private WebApplicationFactory<Program> App(bool onStart) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Development");
        b.UseSetting("Demo:Enabled", "false");
        b.UseSetting("Data:Directory", _data);
        b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
        b.UseQuietHangfire();
        b.UseSetting("Scheduling:ReadinessStandingsOnStart", onStart ? "true" : "false");
    });

    [Fact]
    public async Task AfterARestart_TheDaysStandingsAreBuilt_WithoutAReader()
    {
        // The first start saves the year's default windows, and that save has the standings built; the night's job is then
        // missed (the app is down at 00:05, the day turns): no generation of today is built when the app starts again.
        await using (var first = App(onStart: true))
        {
            first.CreateClient();
            await GenerationsAsync(first, wanted: 1);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_data, "greentier.db")}"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = """DELETE FROM "MemberStandingGenerations";""";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        await using var app = App(onStart: true);
        app.CreateClient();
        var built = await GenerationsAsync(app, wanted: 1);
        Assert.True(built.Count == 1, $"60 s after the restart the standings' generations are [{string.Join(", ", built)}], expected today's");
        using var scope = app.Services.CreateScope();
        Assert.Equal(built[0], await scope.ServiceProvider.GetRequiredService<ReadinessService>().RefreshStandingsAsync());
    }

    /// <summary>The stored generations, read every half second for up to 60 s until there are <paramref name="wanted"/>.</summary>
    private static async Task<List<string>> GenerationsAsync(WebApplicationFactory<Program> app, int wanted)
    {
        var built = new List<string>();
        for (var waited = 0; built.Count < wanted && waited < 120; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            using var scope = app.Services.CreateScope();
            built = await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().MemberStandingGenerations.Select(g => g.Generation).ToListAsync();
        }
        return built;
    }

    [Fact]
    public async Task TurnedOff_NothingIsStartedForIt()
    {
        await using var app = App(onStart: false);
        app.CreateClient();
        Assert.Empty(app.Services.GetServices<IHostedService>().OfType<StandingsOnStartService>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
