using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Tests.Audit;

/// <summary>A record that cannot be stored (here: a SQLite file without the audit table) is logged, never thrown into the caller.</summary>
public sealed class AuditFailureTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"gtw-audit-broken-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task AFailedWrite_IsLoggedWithTheRecord_AndDoesNotThrow()
    {
        var logs = new LogCapture();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs))
            .AddDbContext<GreenTierDbContext>(o => o.UseSqlite($"Data Source={_file}"))
            .AddSecurityAudit()
            .BuildServiceProvider();
        await using (services)
        {
            using var scope = services.CreateScope();
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            await audit.RecordAsync(new AuditRecord(AuditActions.SignInFailed, "city", "密码错误", Succeeded: false) { ClientAddress = "198.51.100.4" });
        }
        var line = Assert.Single(logs.Entries, e => e.Category == typeof(EfAuditLog).FullName && e.Level >= LogLevel.Error).Message;
        Assert.Contains("SignInFailed", line);
        Assert.Contains("198.51.100.4", line);
        Assert.Contains("密码错误", line);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
