using System.Globalization;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>
/// Which fields of an enterprise's record an edit changed, as the history and the security audit name them:
/// 「联系人：张三 → 李四」, one entry per changed field, in the order of the form.
/// </summary>
public static class EnterpriseChanges
{
    /// <summary>The changed fields between the stored record and its validated replacement; empty when nothing changed.</summary>
    public static IReadOnlyList<string> Between(Enterprise before, Enterprise after)
    {
        var changes = new List<string>();
        void Note(string label, string? old, string? now)
        {
            if (!string.Equals(old, now, StringComparison.Ordinal)) changes.Add($"{label}：{old ?? "（未填写）"} → {now ?? "（未填写）"}");
        }
        Note("企业名称", before.Name, after.Name);
        Note("统一社会信用代码", before.CreditCode, after.CreditCode);
        Note("所属区县", HuangshanUnits.NameOf(before.DistrictCode), HuangshanUnits.NameOf(after.DistrictCode));
        Note("所属行业代码", before.IndustryCode, after.IndustryCode);
        Note("单位性质", before.Ownership.ToString(), after.Ownership.ToString());
        Note("地址", before.Address, after.Address);
        Note("邮编", before.PostalCode, after.PostalCode);
        Note("注册机关", before.RegistrationAuthority, after.RegistrationAuthority);
        Note("成立日期", Day(before.EstablishedOn), Day(after.EstablishedOn));
        Note("注册资本（万元）", Number(before.RegisteredCapital), Number(after.RegisteredCapital));
        Note("法定代表人", before.LegalRepresentative, after.LegalRepresentative);
        Note("联系人", before.ContactName, after.ContactName);
        Note("联系电话", before.ContactPhone, after.ContactPhone);
        Note("电子邮箱", before.ContactEmail, after.ContactEmail);
        Note("年综合能耗（吨标准煤）", Number(before.AnnualEnergyTce), Number(after.AnnualEnergyTce));
        Note("重点用能单位", before.IsKeyEnergyUser ? "是" : "否", after.IsKeyEnergyUser ? "是" : "否");
        Note("单位产品能耗", Number(before.UnitProductEnergy), Number(after.UnitProductEnergy));
        Note("取水量（立方米）", Number(before.WaterWithdrawal), Number(after.WaterWithdrawal));
        Note("固废综合利用率（%）", Number(before.SolidWasteUtilisationPercent), Number(after.SolidWasteUtilisationPercent));
        Note("可再生能源使用比例（%）", Number(before.RenewableEnergyPercent), Number(after.RenewableEnergyPercent));
        foreach (var standard in Certification.RequiredStandards)
            Note($"{standard} 证书", Certificate(before, standard), Certificate(after, standard));
        return changes;
    }

    private static string? Certificate(Enterprise e, string standard) =>
        e.Certifications.FirstOrDefault(c => c.Standard == standard) is { } c
            ? $"{(string.IsNullOrWhiteSpace(c.CertificateNumber) ? "" : c.CertificateNumber + "，")}有效期至 {c.ExpiresOn:yyyy-MM-dd}"
            : null;

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value is { } v ? RegistryRules.Format(v) : null;
}
