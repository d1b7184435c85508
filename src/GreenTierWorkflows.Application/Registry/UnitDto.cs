using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>A unit of Huangshan with its competent bureau.</summary>
public sealed record UnitDto(string Code, string Name, string BureauName, UnitLevel Level, int SortOrder)
{
    public static UnitDto From(AdministrativeUnit u) => new(u.Code, u.Name, u.BureauName, u.Level, u.SortOrder);
}
