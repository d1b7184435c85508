using GreenTierWorkflows.Application.Pools;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Application.Registry.RegistryPermissions;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>
/// Reads an enterprise's 企业档案 (<see cref="EnterpriseFile"/>) for the officials' page: the record as the registry gives it
/// (<see cref="EnterpriseRegistry.GetAsync"/>, so outside the official's scope it is not found), and around it the listings,
/// pool memberships, nominations and the 修改记录 the registry's edits wrote to the security audit.
/// </summary>
public sealed class EnterpriseDossier(GreenTierDbContext db, EnterpriseRegistry registry, CultivationPool pools)
{
    /// <summary>The most edits the file shows (the newest).</summary>
    public const int MaxEdits = 50;

    public async Task<DomainResult<EnterpriseFile>> GetAsync(Official official, string id, CancellationToken ct = default)
    {
        var found = await registry.GetAsync(official, id, ct);
        if (found.Value is not { } enterprise) return found.Error!;

        var listings = (await db.Listings.AsNoTracking().Where(l => l.EnterpriseId == id).ToListAsync(ct))
            .OrderByDescending(l => l.ListedOn).ThenByDescending(l => l.Tier).ToList();
        var memberships = (await pools.WithStanding(db.PoolMemberships.AsNoTracking().Where(m => m.EnterpriseId == id)).ToListAsync(ct))
            .Select(r => r.ToDto()).OrderByDescending(m => m.Year).ThenByDescending(m => m.EnrolledAt).ToList();
        var nominations = (await db.Nominations.AsNoTracking().VisibleTo(official).Where(n => n.EnterpriseId == id)
                .Select(n => new EnterpriseNomination(n.Id, n.Year, n.Type, n.TargetTier, n.Status, n.Stage, n.SubmittedAt)).ToListAsync(ct))
            .OrderByDescending(n => n.Year).ThenByDescending(n => n.SubmittedAt ?? DateTimeOffset.MaxValue).ToList();
        var edits = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.Action == AuditActions.EnterpriseEdited && a.Target == id && a.Succeeded)
                .OrderByDescending(a => a.Id).Take(MaxEdits).ToListAsync(ct))
            .ConvertAll(a => new EnterpriseEdit(a.At, a.ActorName, ChangesOf(a.Detail)));
        var canEdit = RefuseEditing(official, enterprise.DistrictCode, "企业") is null;
        return new EnterpriseFile(enterprise, canEdit, listings, memberships, nominations, edits);
    }

    /// <summary>The changed fields of an audit line 「修改企业信息：名称（区县）：字段：旧 → 新；…」.</summary>
    private static IReadOnlyList<string> ChangesOf(string? detail)
    {
        if (string.IsNullOrEmpty(detail)) return [];
        var start = detail.IndexOf("）：", StringComparison.Ordinal);
        var changes = start < 0 ? detail : detail[(start + 2)..];
        return changes.Split('；', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
