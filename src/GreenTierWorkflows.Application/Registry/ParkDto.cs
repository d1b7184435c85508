using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Registry;

public sealed record ParkDto(
    string Id,
    string Name,
    string DistrictCode,
    string DistrictName,
    string Level,
    string? ParkType,
    string? Address,
    string? ManagerName,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail,
    string? Introduction,
    DateTimeOffset CreatedAt)
{
    public static ParkDto From(IndustrialPark p) => new(p.Id, p.Name, p.DistrictCode, HuangshanUnits.NameOf(p.DistrictCode), p.Level, p.ParkType,
        p.Address, p.ManagerName, p.ContactName, p.ContactPhone, p.ContactEmail, p.Introduction, p.CreatedAt);
}
