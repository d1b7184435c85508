using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Application.Registry.RegistryPermissions;
using static GreenTierWorkflows.Application.Registry.RegistryRules;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>
/// The industrial-park registry: list, read, register and change parks in the official's jurisdiction; a park name is
/// registered once. A refused request changes nothing.
/// </summary>
public sealed class ParkRegistry(GreenTierDbContext db, TimeProvider clock)
{
    private readonly RegistryRecords<IndustrialPark> _records = new(db, "园区", (p, exceptId, ct) => DuplicateNameAsync(db, p.Name, exceptId, ct));
    private static readonly string[] Levels = ["国家级", "省级"];

    /// <summary>The parks the official may see, by name, filtered by district and name.</summary>
    public async Task<DomainResult<PageOf<ParkDto>>> ListAsync(
        Official official, string? district = null, string? search = null, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Read(page, pageSize, errors.Add);
        var districtFilter = DistrictFilter(errors, district);
        if (errors.Any) return errors.ToError();

        var query = db.Parks.AsNoTracking().VisibleTo(official);
        if (districtFilter is not null) query = query.Where(p => p.DistrictCode == districtFilter);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(p => p.Name.Contains(text));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return paging.Of(items.ConvertAll(ParkDto.From), total);
    }

    public async Task<DomainResult<ParkDto>> GetAsync(Official official, string id, CancellationToken ct = default)
    {
        var found = await _records.FindAsync(official, id, tracked: false, ct);
        if (found.Value is not { } park) return found.Error!;
        return ParkDto.From(park);
    }

    /// <summary>登记园区.</summary>
    public async Task<DomainResult<ParkDto>> CreateAsync(Official official, ParkInput? body, CancellationToken ct = default)
    {
        if (RefuseRegistering(official, "园区") is { } forbidden) return forbidden;
        var errors = new FieldErrors();
        var park = new IndustrialPark { Id = NewId(), CreatedAt = clock.GetUtcNow() };
        Validate(errors, body, park);
        if (errors.Any) return errors.ToError();
        if (await _records.AddAsync(official, park, park.Id, ct) is { } refused) return refused;
        return ParkDto.From(park);
    }

    /// <summary>Replaces a park's record; its active pool memberships follow its name, and it cannot change district while in a pool.</summary>
    public async Task<DomainResult<ParkDto>> UpdateAsync(Official official, string id, ParkInput? body, CancellationToken ct = default)
    {
        var found = await _records.FindAsync(official, id, tracked: true, ct);
        if (found.Value is not { } park) return found.Error!;
        if (RefuseEditing(official, park.DistrictCode, "园区") is { } forbidden) return forbidden;

        var errors = new FieldErrors();
        var updated = new IndustrialPark { Id = park.Id, CreatedAt = park.CreatedAt };
        Validate(errors, body, updated);
        if (errors.Any) return errors.ToError();
        var memberships = await db.PoolMemberships.Where(m => m.ParkId == id && m.ExitedAt == null).ToListAsync(ct);
        if (await _records.ReplaceAsync(official, park, updated, id, updated.Name, memberships, ct) is { } refused) return refused;
        return ParkDto.From(park);
    }

    private static void Validate(FieldErrors errors, ParkInput? body, IndustrialPark target)
    {
        body ??= new ParkInput(null, null);
        target.Name = errors.Required("name", body.Name, "园区名称", 100) ?? "";
        target.DistrictCode = errors.District("districtCode", body.DistrictCode) ?? "";
        var level = string.IsNullOrWhiteSpace(body.Level) ? "省级" : body.Level.Trim();
        if (!Levels.Contains(level)) errors.Add("level", $"园区级别「{level}」不正确，应为国家级或省级。");
        target.Level = level;
        target.ParkType = errors.Optional("parkType", body.ParkType, "园区类型", 50);
        target.Address = errors.Optional("address", body.Address, "地址", 200);
        target.ManagerName = errors.Optional("managerName", body.ManagerName, "管理机构", 100);
        target.ContactName = errors.Optional("contactName", body.ContactName, "联系人", 50);
        target.ContactPhone = errors.Phone("contactPhone", body.ContactPhone, "联系电话");
        target.ContactEmail = errors.Email("contactEmail", body.ContactEmail, "电子邮箱");
        target.Introduction = errors.Optional("introduction", body.Introduction, "园区简介", 500);
    }

    private static async Task<DomainError?> DuplicateNameAsync(GreenTierDbContext db, string name, string? exceptId, CancellationToken ct)
    {
        var existing = await db.Parks.AsNoTracking()
            .Where(p => p.Name == name && p.Id != exceptId)
            .Select(p => new { p.Name, p.DistrictCode })
            .FirstOrDefaultAsync(ct);
        return existing is null ? null : DomainError.Conflict($"园区「{existing.Name}」已登记（{HuangshanUnits.NameOf(existing.DistrictCode)}），园区名称不能重复。");
    }
}
