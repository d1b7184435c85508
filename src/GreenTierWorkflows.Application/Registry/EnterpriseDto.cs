using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>An enterprise; <see cref="CreditCodeWarning"/> is the GB 11714 organisation-code hint, if any.</summary>
public sealed record EnterpriseDto(
    string Id,
    string CreditCode,
    string Name,
    string DistrictCode,
    string DistrictName,
    string IndustryCode,
    bool IsManufacturing,
    Ownership Ownership,
    string? Address,
    string? PostalCode,
    string? RegistrationAuthority,
    DateOnly? EstablishedOn,
    decimal? RegisteredCapital,
    string? LegalRepresentative,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail,
    decimal? AnnualEnergyTce,
    bool IsKeyEnergyUser,
    decimal? UnitProductEnergy,
    decimal? WaterWithdrawal,
    decimal? SolidWasteUtilisationPercent,
    decimal? RenewableEnergyPercent,
    IReadOnlyList<Certification> Certifications,
    DateTimeOffset CreatedAt,
    string? CreditCodeWarning)
{
    public static EnterpriseDto From(Enterprise e) => new(e.Id, e.CreditCode, e.Name, e.DistrictCode, HuangshanUnits.NameOf(e.DistrictCode),
        e.IndustryCode, e.IsManufacturing, e.Ownership, e.Address, e.PostalCode, e.RegistrationAuthority, e.EstablishedOn, e.RegisteredCapital,
        e.LegalRepresentative, e.ContactName, e.ContactPhone, e.ContactEmail, e.AnnualEnergyTce, e.IsKeyEnergyUser,
        e.UnitProductEnergy, e.WaterWithdrawal, e.SolidWasteUtilisationPercent, e.RenewableEnergyPercent, e.Certifications, e.CreatedAt,
        Domain.Registry.CreditCode.Check(e.CreditCode).Warning);
}
