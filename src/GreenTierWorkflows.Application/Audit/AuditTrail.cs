using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Audit;

/// <summary>
/// Reads the security audit (安全审计) for administrators: newest first, filtered (<see cref="AuditFilter"/>), one page at a
/// time for the page and <c>GET /api/audit</c>, or all for the .xlsx export. Only administrators may read it.
/// </summary>
public sealed class AuditTrail(GreenTierDbContext db)
{
    /// <summary>The most rows one export holds (the newest of the filtered ones).</summary>
    public const int MaxExportRows = 100_000;
    public const int MaxPageSize = 200;

    /// <summary>One page (<paramref name="page"/> from 0; <paramref name="pageSize"/> kept within 1 to <see cref="MaxPageSize"/>) and how many rows match.</summary>
    public async Task<DomainResult<(IReadOnlyList<AuditEntry> Items, int Total)>> PageAsync(Official official, AuditFilter filter, int page, int pageSize,
        CancellationToken ct = default)
    {
        if (!official.IsInRole(Roles.Admin)) return DomainError.Forbidden("只有系统管理员可以查看安全审计。");
        var q = filter.Apply(db.AuditEntries.AsNoTracking());
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await q.CountAsync(ct);
        var items = await Newest(q).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(ct);
        return ((IReadOnlyList<AuditEntry>)items, total);
    }

    /// <summary>
    /// The export: every row the filter of the query string selects (<see cref="AuditFilter.Parse"/>; <paramref name="query"/>
    /// gives the value of a key), newest first, at most <see cref="MaxExportRows"/>. A value that does not parse is refused by field.
    /// </summary>
    public async Task<DomainResult<IReadOnlyList<AuditEntry>>> ExportAsync(Official official, Func<string, string?> query, CancellationToken ct = default)
    {
        if (!official.IsInRole(Roles.Admin)) return DomainError.Forbidden("只有系统管理员可以导出安全审计。");
        var filter = AuditFilter.Parse(query, out var errors);
        if (errors.Count > 0) return DomainError.Invalid(errors);
        IReadOnlyList<AuditEntry> rows = await Newest(filter.Apply(db.AuditEntries.AsNoTracking())).Take(MaxExportRows).ToListAsync(ct);
        return DomainResult<IReadOnlyList<AuditEntry>>.Success(rows);
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> q) => q.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
}
