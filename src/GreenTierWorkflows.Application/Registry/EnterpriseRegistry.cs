using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Application.Registry.RegistryPermissions;
using static GreenTierWorkflows.Application.Registry.RegistryRules;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>
/// The enterprise registry: list, read, register and change enterprises in the official's jurisdiction. Every write
/// checks everything before it saves, so a refused request changes nothing; a credit code is registered once.
/// </summary>
public sealed class EnterpriseRegistry(GreenTierDbContext db, TimeProvider clock, IAuditLog audit)
{
    private readonly RegistryRecords<Enterprise> _records = new(db, "企业", (e, exceptId, ct) => DuplicateCreditCodeAsync(db, e.CreditCode, exceptId, ct));

    /// <summary>The enterprises the official may see, by name, filtered by district and by name or credit code.</summary>
    public async Task<DomainResult<PageOf<EnterpriseDto>>> ListAsync(
        Official official, string? district = null, string? search = null, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Read(page, pageSize, errors.Add);
        var districtFilter = DistrictFilter(errors, district);
        if (errors.Any) return errors.ToError();

        var query = db.Enterprises.AsNoTracking().VisibleTo(official);
        if (districtFilter is not null) query = query.Where(e => e.DistrictCode == districtFilter);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var code = CreditCode.Normalize(text);
            query = query.Where(e => e.Name.Contains(text) || (code.Length > 0 && e.CreditCode.Contains(code)));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return paging.Of(items.ConvertAll(EnterpriseDto.From), total);
    }

    public async Task<DomainResult<EnterpriseDto>> GetAsync(Official official, string id, CancellationToken ct = default)
    {
        var found = await _records.FindAsync(official, id, tracked: false, ct);
        if (found.Value is not { } enterprise) return found.Error!;
        return EnterpriseDto.From(enterprise);
    }

    /// <summary>登记企业.</summary>
    public async Task<DomainResult<EnterpriseDto>> CreateAsync(Official official, EnterpriseInput? body, CancellationToken ct = default)
    {
        if (RefuseRegistering(official, "企业") is { } forbidden) return forbidden;
        var errors = new FieldErrors();
        var enterprise = new Enterprise { Id = NewId(), CreatedAt = clock.GetUtcNow() };
        Validate(errors, body, enterprise);
        if (errors.Any) return errors.ToError();
        if (await _records.AddAsync(official, enterprise, enterprise.Id, ct) is { } refused) return refused;
        return EnterpriseDto.From(enterprise);
    }

    /// <summary>
    /// Replaces an enterprise's record. Its active pool memberships follow its name; it cannot stop being eligible for a
    /// pool it is in (<see cref="Enterprise.IneligibilityFor"/>) nor change district while in a pool. The security audit
    /// records who changed which fields (<see cref="EnterpriseChanges"/>, read back as the record's 修改记录); an edit
    /// that changes nothing records nothing.
    /// </summary>
    public async Task<DomainResult<EnterpriseDto>> UpdateAsync(Official official, string id, EnterpriseInput? body, CancellationToken ct = default)
    {
        var found = await _records.FindAsync(official, id, tracked: true, ct);
        if (found.Value is not { } enterprise) return found.Error!;
        if (RefuseEditing(official, enterprise.DistrictCode, "企业") is { } forbidden) return forbidden;

        // Validate into a copy; the tracked entity changes only once everything has passed.
        var errors = new FieldErrors();
        var updated = new Enterprise { Id = enterprise.Id, CreatedAt = enterprise.CreatedAt };
        Validate(errors, body, updated);
        var memberships = await db.PoolMemberships.Where(m => m.EnterpriseId == id && m.ExitedAt == null).ToListAsync(ct);
        if (!errors.Any && memberships.Select(m => updated.IneligibilityFor(m.TargetType)).FirstOrDefault(r => r is not null) is { } ineligible)
            errors.Add("industryCode", ineligible);
        if (errors.Any) return errors.ToError();
        var changes = EnterpriseChanges.Between(enterprise, updated);
        if (await _records.ReplaceAsync(official, enterprise, updated, id, updated.Name, memberships, ct) is { } refused) return refused;
        if (changes.Count > 0)
            await audit.RecordAsync(new AuditRecord(AuditActions.EnterpriseEdited, id,
                $"修改企业信息：{updated.Name}（{HuangshanUnits.NameOf(updated.DistrictCode)}）：{string.Join("；", changes)}")
                { ActorId = official.UserId, ActorName = official.UserName }, ct);
        return EnterpriseDto.From(enterprise);
    }

    /// <summary>Checks every field and writes the normalised values into <paramref name="target"/>.</summary>
    private void Validate(FieldErrors errors, EnterpriseInput? body, Enterprise target)
    {
        body ??= new EnterpriseInput(null, null, null, null, null);
        var check = CreditCode.Check(body.CreditCode);
        if (!check.IsValid) errors.Add("creditCode", check.Error!);
        target.CreditCode = check.Normalized;
        target.Name = errors.Required("name", body.Name, "企业名称", 100) ?? "";
        target.DistrictCode = errors.District("districtCode", body.DistrictCode) ?? "";

        var industry = body.IndustryCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(industry)) errors.Add("industryCode", "请填写所属行业代码（GB/T 4754-2017，如 C1530）。");
        else if (!IndustryPattern().IsMatch(industry))
            errors.Add("industryCode", $"所属行业代码「{industry}」格式不正确：应为门类字母 A–T 加至多 4 位数字，如 C1530。");
        target.IndustryCode = industry ?? "";

        var ownership = body.Ownership?.Trim();
        if (string.IsNullOrEmpty(ownership)) errors.Add("ownership", "请选择单位性质（国有、集体、民营、合资、港澳台、外资）。");
        else if (Enum.TryParse<Ownership>(ownership, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)) target.Ownership = parsed;
        else errors.Add("ownership", $"单位性质「{ownership}」不正确，应为国有、集体、民营、合资、港澳台、外资之一。");

        target.Address = errors.Optional("address", body.Address, "地址", 200);
        target.PostalCode = errors.Optional("postalCode", body.PostalCode, "邮编", 6);
        if (target.PostalCode is not null && !PostalPattern().IsMatch(target.PostalCode)) errors.Add("postalCode", "邮编应为 6 位数字。");
        target.RegistrationAuthority = errors.Optional("registrationAuthority", body.RegistrationAuthority, "注册机关", 100);
        target.EstablishedOn = body.EstablishedOn;
        if (body.EstablishedOn > ChinaTime.Today(clock)) errors.Add("establishedOn", "成立日期不能晚于今天。");
        errors.NotNegative("registeredCapital", body.RegisteredCapital, "注册资本");
        target.RegisteredCapital = body.RegisteredCapital;
        target.LegalRepresentative = errors.Optional("legalRepresentative", body.LegalRepresentative, "法定代表人", 50);
        target.ContactName = errors.Optional("contactName", body.ContactName, "联系人", 50);
        target.ContactPhone = errors.Phone("contactPhone", body.ContactPhone, "联系电话");
        target.ContactEmail = errors.Email("contactEmail", body.ContactEmail, "电子邮箱");
        errors.NotNegative("annualEnergyTce", body.AnnualEnergyTce, "综合能耗");
        target.AnnualEnergyTce = body.AnnualEnergyTce;

        // 重点用能单位: ≥ 10 000 tce/yr always; 5 000–10 000 tce/yr only when designated.
        var key = body.IsKeyEnergyUser ?? false;
        if (body.AnnualEnergyTce >= 10_000m) key = true;
        else if (key && body.AnnualEnergyTce < 5_000m)
            errors.Add("isKeyEnergyUser", $"年综合能耗 {Format(body.AnnualEnergyTce.Value)} 吨标准煤低于 5000 吨，不属于重点用能单位。");
        target.IsKeyEnergyUser = key;

        errors.NotNegative("unitProductEnergy", body.UnitProductEnergy, "单位产品能耗");
        errors.NotNegative("waterWithdrawal", body.WaterWithdrawal, "取水量");
        foreach (var (field, value, label) in new[] { ("solidWasteUtilisationPercent", body.SolidWasteUtilisationPercent, "固废综合利用率"), ("renewableEnergyPercent", body.RenewableEnergyPercent, "可再生能源使用比例") })
            if (value is < 0 or > 100) errors.Add(field, $"{label}应在 0–100% 之间。");
        (target.UnitProductEnergy, target.WaterWithdrawal) = (body.UnitProductEnergy, body.WaterWithdrawal);
        (target.SolidWasteUtilisationPercent, target.RenewableEnergyPercent) = (body.SolidWasteUtilisationPercent, body.RenewableEnergyPercent);
        target.Certifications = Certifications(errors, body.Certifications ?? []);
    }

    /// <summary>The certificates as entered: each of a required standard, once, with its expiry date.</summary>
    private static List<Certification> Certifications(FieldErrors errors, IReadOnlyList<CertificationInput> entered)
    {
        var certifications = new List<Certification>();
        foreach (var (c, i) in entered.Select((c, i) => (c, i)))
        {
            var standard = Certification.RequiredStandards.FirstOrDefault(s => string.Equals(s.Replace(" ", ""), c.Standard?.Replace(" ", ""), StringComparison.OrdinalIgnoreCase));
            if (standard is null) errors.Add($"certifications[{i}].standard", $"认证标准应为 {string.Join("、", Certification.RequiredStandards)} 之一。");
            else if (certifications.Any(x => x.Standard == standard)) errors.Add($"certifications[{i}].standard", $"{standard} 重复填写。");
            if (c.ExpiresOn is null) errors.Add($"certifications[{i}].expiresOn", "请填写证书有效期。");
            if (standard is not null && c.ExpiresOn is { } expires)
                certifications.Add(new Certification { Standard = standard, CertificateNumber = c.CertificateNumber?.Trim(), ExpiresOn = expires });
        }
        return certifications;
    }

    private static async Task<DomainError?> DuplicateCreditCodeAsync(GreenTierDbContext db, string code, string? exceptId, CancellationToken ct)
    {
        var existing = await db.Enterprises.AsNoTracking()
            .Where(e => e.CreditCode == code && e.Id != exceptId)
            .Select(e => new { e.Name, e.DistrictCode })
            .FirstOrDefaultAsync(ct);
        return existing is null ? null : DomainError.Conflict($"该统一社会信用代码已登记为「{existing.Name}」（{HuangshanUnits.NameOf(existing.DistrictCode)}）。");
    }
}
