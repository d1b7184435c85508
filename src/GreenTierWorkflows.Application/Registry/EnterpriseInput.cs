using GreenTierWorkflows.Domain.Registry;

namespace GreenTierWorkflows.Application.Registry;

// Request bodies of the registry API take enums as strings so that a wrong value gets a Chinese validation message
// instead of a binding error (JSON camelCase; response enums as their names).

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
