using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Web.Endpoints;

// Request and response bodies of the registry API (JSON camelCase; enums as their names).
// Requests take enums as strings so that a wrong value gets a Chinese validation message instead of a binding error.

/// <summary>A unit of Huangshan with its competent bureau.</summary>
public sealed record UnitDto(string Code, string Name, string BureauName, UnitLevel Level, int SortOrder)
{
    public static UnitDto From(AdministrativeUnit u) => new(u.Code, u.Name, u.BureauName, u.Level, u.SortOrder);
}

/// <summary>Renames a unit's bureau (经信局 → 工信局).</summary>
public sealed record UnitUpdate(string? BureauName);

/// <summary>One page of a list.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>An enterprise as entered (create, or full replacement on update).</summary>
public sealed record EnterpriseInput(
    string? CreditCode,
    string? Name,
    string? DistrictCode,
    string? IndustryCode,
    string? Ownership,
    string? Address = null,
    string? PostalCode = null,
    string? RegistrationAuthority = null,
    DateOnly? EstablishedOn = null,
    decimal? RegisteredCapital = null,
    string? LegalRepresentative = null,
    string? ContactName = null,
    string? ContactPhone = null,
    string? ContactEmail = null,
    decimal? AnnualEnergyTce = null,
    bool? IsKeyEnergyUser = null,
    decimal? UnitProductEnergy = null,
    decimal? WaterWithdrawal = null,
    decimal? SolidWasteUtilisationPercent = null,
    decimal? RenewableEnergyPercent = null,
    IReadOnlyList<CertificationInput>? Certifications = null);

/// <summary>One certificate as entered.</summary>
public sealed record CertificationInput(string? Standard, string? CertificateNumber, DateOnly? ExpiresOn);

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

/// <summary>An industrial park as entered (create, or full replacement on update).</summary>
public sealed record ParkInput(
    string? Name,
    string? DistrictCode,
    string? Level = null,
    string? ParkType = null,
    string? Address = null,
    string? ManagerName = null,
    string? ContactName = null,
    string? ContactPhone = null,
    string? ContactEmail = null,
    string? Introduction = null);

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

/// <summary>Enrols an enterprise or a park (exactly one) in a year's cultivation pool.</summary>
public sealed record PoolEnrolment(int? Year, string? EnterpriseId, string? ParkId, string? TargetType, string? GuidanceNotes = null);

public sealed record PoolGuidance(string? GuidanceNotes);

public sealed record PoolExit(string? Reason);

/// <summary>A pool membership (active or exited).</summary>
public sealed record PoolMemberDto(
    string Id,
    int Year,
    string DistrictCode,
    string DistrictName,
    string? EnterpriseId,
    string? ParkId,
    string MemberName,
    NominationType TargetType,
    string TargetTypeName,
    string? GuidanceNotes,
    DateTimeOffset EnrolledAt,
    string EnrolledBy,
    bool IsActive,
    DateTimeOffset? ExitedAt,
    string? ExitReason)
{
    public static PoolMemberDto From(PoolMembership m) => new(m.Id, m.Year, m.DistrictCode, HuangshanUnits.NameOf(m.DistrictCode), m.EnterpriseId,
        m.ParkId, m.MemberName, m.TargetType, DomainText.Of(m.TargetType), m.GuidanceNotes, m.EnrolledAt, m.EnrolledBy, m.IsActive, m.ExitedAt,
        m.ExitReason);
}
