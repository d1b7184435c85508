using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Infrastructure.Audit;

/// <summary>Reads the security audit for administrators: newest first, filtered, one page at a time or all for an export.</summary>
public sealed class AuditTrail(GreenTierDbContext db)
{
    /// <summary>The most rows one export holds (the newest of the filtered ones).</summary>
    public const int MaxExportRows = 100_000;
    public const int MaxPageSize = 200;

    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var q = filter.Apply(db.AuditEntries.AsNoTracking());
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await q.CountAsync(ct);
        var items = await Newest(q).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>Every filtered row, newest first, at most <see cref="MaxExportRows"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, CancellationToken ct = default) =>
        await Newest(filter.Apply(db.AuditEntries.AsNoTracking())).Take(MaxExportRows).ToListAsync(ct);

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> q) => q.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
}
