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
        var logged = new List<string>();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new ListLoggerProvider(logged)))
            .AddDbContext<GreenTierDbContext>(o => o.UseSqlite($"Data Source={_file}"))
            .AddSecurityAudit()
            .BuildServiceProvider();
        await using (services)
        {
            using var scope = services.CreateScope();
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            await audit.RecordAsync(new AuditRecord(AuditActions.SignInFailed, "city", "密码错误", Succeeded: false) { ClientAddress = "198.51.100.4" });
        }
        var line = Assert.Single(logged);
        Assert.Contains("SignInFailed", line);
        Assert.Contains("198.51.100.4", line);
        Assert.Contains("密码错误", line);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    /// <summary>Keeps error lines of the audit log's category.</summary>
    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName == typeof(EfAuditLog).FullName ? lines : null);
        public void Dispose() { }

        private sealed class ListLogger(List<string>? lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => lines is not null && logLevel >= LogLevel.Error;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) lock (lines!) lines.Add(formatter(state, exception));
            }
        }
    }
}
