using System.Collections.Concurrent;
using GreenTierWorkflows.Infrastructure.Audit;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>An audit sink that keeps every record, for assertions.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    public ConcurrentQueue<AuditRecord> Records { get; } = new();

    public Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        Records.Enqueue(record);
        return Task.CompletedTask;
    }

    public IReadOnlyList<AuditRecord> Of(string action, string target) =>
        Records.Where(r => r.Action == action && string.Equals(r.Target, target, StringComparison.OrdinalIgnoreCase)).ToList();
}
