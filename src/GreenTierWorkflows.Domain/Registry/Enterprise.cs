using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Registry;

/// <summary>单位性质 / 所有制, as on the business licence.</summary>
public enum Ownership { 国有, 集体, 民营, 合资, 港澳台, 外资 }

/// <summary>
/// An enterprise (a green-factory candidate or a supply-chain lead) with the record fields of domain.md §5.
/// One enterprise per unified social credit code.
/// </summary>
public sealed class Enterprise : IDistrictOwned
{
    public string Id { get; set; } = "";
    /// <summary>Normalised 统一社会信用代码 (unique).</summary>
    public string CreditCode { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The unit it belongs to (区县/功能区 code).</summary>
    public string DistrictCode { get; set; } = "";
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? RegistrationAuthority { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    /// <summary>注册资本, 万元.</summary>
    public decimal? RegisteredCapital { get; set; }
    /// <summary>所属行业, GB/T 4754-2017 code: a letter (门类) and up to four digits, e.g. C3011.</summary>
    public string IndustryCode { get; set; } = "";
    public Ownership Ownership { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>综合能耗, tce per year.</summary>
    public decimal? AnnualEnergyTce { get; set; }
    /// <summary>重点用能单位: ≥ 10 000 tce/yr, or 5 000–10 000 tce/yr when designated.</summary>
    public bool IsKeyEnergyUser { get; set; }
    /// <summary>单位产品能耗 (tce per unit of the main product, as declared).</summary>
    public decimal? UnitProductEnergy { get; set; }
    /// <summary>取水量, m³ per year.</summary>
    public decimal? WaterWithdrawal { get; set; }
    /// <summary>固废综合利用率, %.</summary>
    public decimal? SolidWasteUtilisationPercent { get; set; }
    /// <summary>可再生能源使用比例, %.</summary>
    public decimal? RenewableEnergyPercent { get; set; }
    /// <summary>The four management-system certifications Anhui requires, with expiry dates.</summary>
    public List<Certification> Certifications { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True when the industry code is in 门类 C (manufacturing), required of a green factory.</summary>
    public bool IsManufacturing => IndustryCode.StartsWith('C');

    /// <summary>
    /// Why the enterprise cannot be a candidate of the given type (a pool member, a nominee, or a factory-pool member whose
    /// record changes), or null when it can: a green factory must be in manufacturing (门类 C). The one home of this rule.
    /// </summary>
    public string? IneligibilityFor(NominationType type) =>
        type == NominationType.GreenFactory && !IsManufacturing
            ? $"绿色工厂的申报主体须为制造业企业（所属行业门类 C），「{Name}」的行业代码为 {IndustryCode}。"
            : null;
}

/// <summary>A third-party management-system certificate (GB/T 19001, 45001, 24001 or 23331) and when it expires.</summary>
public sealed class Certification
{
    public static readonly IReadOnlyList<string> RequiredStandards = ["GB/T 19001", "GB/T 45001", "GB/T 24001", "GB/T 23331"];

    public string Standard { get; set; } = "";
    public string? CertificateNumber { get; set; }
    public DateOnly ExpiresOn { get; set; }
}

/// <summary>A green industrial park candidate (form fields of domain.md §3).</summary>
public sealed class IndustrialPark : IDistrictOwned
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    /// <summary>级别: 国家级 or 省级.</summary>
    public string Level { get; set; } = "省级";
    /// <summary>类型, e.g. 经济技术开发区.</summary>
    public string? ParkType { get; set; }
    public string? Address { get; set; }
    public string? ManagerName { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>简介 (≤ 500 字).</summary>
    public string? Introduction { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
