using System.Net;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Runtime.Tests.TestSupport;
using GreenTierWorkflows.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Tests.Web;

/// <summary>
/// Start-up's migration step (issue 20): a database behind the build is migrated before <c>/health</c> answers, and a
/// restart on an up-to-date database only compares the applied migration ids — it is not put through EF Core's full
/// <c>Migrate</c> (its migration lock and model-versus-snapshot check), which cost most of the phase.
/// </summary>
public sealed class StartupMigrationTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gtw-startup-migrations-" + Guid.NewGuid().ToString("N"));

    public StartupMigrationTests() => Directory.CreateDirectory(_data);

    [Fact]
    public async Task DatabaseOneMigrationBehind_IsMigratedBeforeHealthAnswers()
    {
        var options = new DbContextOptionsBuilder<GreenTierDbContext>().UseSqlite($"Data Source={Path.Combine(_data, "greentier.db")}").Options;
        string[] all;
        await using (var db = new GreenTierDbContext(options))
        {
            all = db.Database.GetMigrations().ToArray();
            Assert.True(all.Length >= 2, "the context should carry at least two migrations");
            await db.GetService<IMigrator>().MigrateAsync(all[^2]);
            Assert.Equal([all[^1]], await db.Database.GetPendingMigrationsAsync());
        }

        var logs = new LogCapture();
        using (var factory = Start(logs))
        {
            using var client = factory.CreateClient();
            using var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await using (var db = new GreenTierDbContext(options))
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // The history table is shared with the workflow store's context, so it holds that context's migrations too.
            Assert.Subset((await db.Database.GetAppliedMigrationsAsync()).ToHashSet(), all.ToHashSet());
        }
        Assert.Contains(logs.Entries, e => e.Category == DbLoggerCategory.Migrations.Name && e.Message.Contains(all[^1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpToDateDatabase_IsNotPutThroughEfCoreMigrate_OnRestart()
    {
        using (var first = Start(new LogCapture()))
        {
            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var logs = new LogCapture();
        using (var second = Start(logs))
        {
            using var client = second.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        // EF Core's Migrate logs "No migrations were applied. The database is already up to date." (and takes its lock) even
        // when nothing is pending; the restart must not have run it for either context.
        var migrations = logs.Entries.Where(e => e.Category == DbLoggerCategory.Migrations.Name).Select(e => e.Message).ToList();
        Assert.DoesNotContain(migrations, m => m.Contains("already up to date", StringComparison.Ordinal) || m.Contains("lock", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Start-up phase migrations: ", StringComparison.Ordinal));
    }

    private WebApplicationFactory<Program> Start(LogCapture logs) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("Data:Directory", _data);
        b.UseSetting("Data:WorkflowsDirectory", RepoPaths.Workflows);
        b.UseSetting("Notices:PollSeconds", "0");
        b.UseSetting("Scheduling:Provider", "InProcess");
        b.UseSetting($"Logging:LogLevel:{DbLoggerCategory.Migrations.Name}", "Debug");
        b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs));
    });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }
}
