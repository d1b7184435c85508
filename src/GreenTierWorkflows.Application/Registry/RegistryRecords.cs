using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Application.Registry.RegistryPermissions;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>
/// The steps every registry record (企业, 园区) goes through, written once: found only in the official's scope, saved only
/// in a district the official may write, its unique key (credit code, park name) checked before the save and again when a
/// concurrent request wins the race, and its active pool entries carrying its name.
/// </summary>
/// <param name="what">The record's Chinese name in messages.</param>
/// <param name="taken">The 409 when another record (not the one with the given id) holds the unique key, or null.</param>
internal sealed class RegistryRecords<T>(GreenTierDbContext db, string what, Func<T, string?, CancellationToken, Task<DomainError?>> taken)
    where T : class, IDistrictOwned
{
    /// <summary>The record, or the 404 when it does not exist or lies outside the official's scope (the two are not told apart).</summary>
    public async Task<DomainResult<T>> FindAsync(Official official, string id, bool tracked, CancellationToken ct)
    {
        var records = tracked ? db.Set<T>() : db.Set<T>().AsNoTracking();
        var record = await records.FirstOrDefaultAsync(r => EF.Property<string>(r, "Id") == id, ct);
        return record is not null && official.CanSee(record) ? DomainResult<T>.Success(record) : NotFound(what);
    }

    /// <summary>Adds a new, validated record; the refusal when the official may not write its district or its key is taken.</summary>
    public async Task<DomainError?> AddAsync(Official official, T record, string id, CancellationToken ct)
    {
        if (!CanWriteDistrict(official, record.DistrictCode)) return OutOfDistrict(official, record.DistrictCode, what);
        if (await taken(record, null, ct) is { } duplicate) return duplicate;
        db.Add(record);
        return await RegistryRules.SaveUniqueAsync(db, () => taken(record, id, ct), ct);
    }

    /// <summary>
    /// Replaces a tracked record by its validated copy; the refusal when it may not move district (<see cref="RefuseMoving"/>)
    /// or its key is taken. Its active pool entries (<paramref name="memberships"/>) take the new name.
    /// </summary>
    public async Task<DomainError?> ReplaceAsync(Official official, T record, T updated, string id, string name, IReadOnlyList<PoolMembership> memberships, CancellationToken ct)
    {
        if (RefuseMoving(official, record.DistrictCode, updated.DistrictCode, memberships.Count > 0, what) is { } unmovable) return unmovable;
        if (await taken(updated, id, ct) is { } duplicate) return duplicate;
        db.Entry(record).CurrentValues.SetValues(updated);
        foreach (var membership in memberships) membership.MemberName = name;
        return await RegistryRules.SaveUniqueAsync(db, () => taken(updated, id, ct), ct);
    }
}
