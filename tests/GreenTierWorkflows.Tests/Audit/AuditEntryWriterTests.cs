using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenTierWorkflows.Tests.Audit;

/// <summary>
/// The audit's group commit on a real SQLite file: records of concurrent callers are committed together, each caller
/// returns with its own record stored, and a record that cannot be stored fails alone (logged), not the batch it was in.
/// </summary>
public sealed class AuditEntryWriterTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"gtw-audit-writer-{Guid.NewGuid():N}.db");
    private readonly SaveCounter _saves = new();
    private readonly LogCapture _logs = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(_logs))
            .AddDbContext<GreenTierDbContext>(o => o.UseSqlite($"Data Source={_file}").AddInterceptors(_saves))
            .AddSecurityAudit()
            .BuildServiceProvider();
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().Database.EnsureCreatedAsync();
    }

    [Fact]
    public async Task ConcurrentRecords_AreEachStoredWhenTheirCallReturns_InFewerTransactionsThanRecords()
    {
        const int callers = 32;
        // The first commit is held until every caller has queued its record (RecordAsync queues before it first waits), so the
        // records meet a commit under way however the two shared cores schedule the callers: left to chance, a loaded machine
        // ran them one after another and committed each alone.
        var queued = 0;
        _saves.HoldFirstUntil = () => Volatile.Read(ref queued) == callers;
        var storedOnReturn = await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var recording = RecordAsync($"并发审计-{i}");
            Interlocked.Increment(ref queued);
            await recording;
            return await StoredAsync($"并发审计-{i}");
        })));

        Assert.All(storedOnReturn, Assert.True);
        Assert.Equal(callers, await CountAsync());
        Assert.True(_saves.Count < callers, $"{_saves.Count} transactions for {callers} concurrent records: nothing was committed together");
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ARecordTheDatabaseRefuses_FailsAlone_TheOthersInItsBatchAreStored()
    {
        _saves.RefuseTarget = "拒收审计";
        var targets = Enumerable.Range(0, 12).Select(i => i == 5 ? "拒收审计" : $"同批审计-{i}").ToList();

        await Task.WhenAll(targets.Select(t => Task.Run(() => RecordAsync(t))));

        Assert.Equal(11, await CountAsync());
        Assert.False(await StoredAsync("拒收审计"));
        var line = Assert.Single(_logs.Entries, e => e.Category == typeof(EfAuditLog).FullName && e.Level >= LogLevel.Error).Message;
        Assert.Contains("拒收审计", line);
    }

    /// <summary>Records an audit entry; it runs synchronously up to the writer's queue, so the entry is queued when the task is returned.</summary>
    private async Task RecordAsync(string target)
    {
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>()
            .RecordAsync(new AuditRecord(AuditActions.TaskDecided, target, "结果：通过", true) { ActorId = "city", ActorName = "市经信局", ClientAddress = "127.0.0.1" });
    }

    private async Task<bool> StoredAsync(string target)
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().AuditEntries.AnyAsync(e => e.Target == target);
    }

    private async Task<int> CountAsync()
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GreenTierDbContext>().AuditEntries.CountAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    /// <summary>Counts the audit's transactions; refuses (throws in) any save holding the entry with <see cref="RefuseTarget"/>.</summary>
    private sealed class SaveCounter : SaveChangesInterceptor
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public string? RefuseTarget { get; set; }
        /// <summary>When set, the first audit commit waits (up to 30 s) until this holds.</summary>
        public Func<bool>? HoldFirstUntil { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.Entity.Target == RefuseTarget))
                throw new DbUpdateException($"测试拒收：{RefuseTarget}");
            if (eventData.Context.ChangeTracker.Entries<AuditEntry>().Any() && Interlocked.Increment(ref _count) == 1 && HoldFirstUntil is { } hold)
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!hold() && DateTime.UtcNow < deadline) await Task.Delay(10, cancellationToken);
            }
            return await base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
