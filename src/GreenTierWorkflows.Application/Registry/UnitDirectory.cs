using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>The units of Huangshan (districts, counties, the high-tech zone) and the names of their competent bureaus.</summary>
public sealed class UnitDirectory(GreenTierDbContext db)
{
    /// <summary>Every unit in its fixed order, one page of them.</summary>
    public async Task<DomainResult<PageOf<UnitDto>>> ListAsync(int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Read(page, pageSize);
        if (paging.Error is { } invalid) return invalid;
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ToListAsync(ct);
        return paging.Value.Slice(units.ConvertAll(UnitDto.From));
    }

    /// <summary>Renames a unit's bureau (经信局 → 工信局); administrators only.</summary>
    public async Task<DomainResult<UnitDto>> UpdateAsync(Official official, string code, UnitUpdate? body, CancellationToken ct = default)
    {
        if (!official.IsInRole(Roles.Admin)) return DomainError.Forbidden("只有系统管理员可以修改主管部门名称。");
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null) return RegistryPermissions.NotFound("区县（功能区）");
        var errors = new FieldErrors();
        var bureau = errors.Required("bureauName", body?.BureauName, "主管部门名称", 100);
        if (errors.Any) return errors.ToError();
        unit.BureauName = bureau!;
        await db.SaveChangesAsync(ct);
        return UnitDto.From(unit);
    }
}
