using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Web.Endpoints.RegistryRules;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// The registry API under <c>/api</c>: units and their bureaus, enterprises, industrial parks and the yearly cultivation
/// pools. Every call needs a signed-in official; district officials see and change their own unit only (records of
/// other units answer 404). Errors are RFC 7807 problem details in Chinese, field errors keyed by the JSON field name.
/// Every write checks everything before it saves, so a rejected request changes nothing.
/// </summary>
public static partial class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        var units = api.MapGroup("/units").WithTags("区县与主管部门");
        units.MapGet("/", ListUnitsAsync).WithName("ListUnits").WithSummary("区县（功能区）及主管部门");
        units.MapPut("/{code}", PutUnitAsync)
            .WithName("UpdateUnit").WithSummary("修改主管部门名称（系统管理员）")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var enterprises = api.MapGroup("/enterprises").WithTags("企业");
        enterprises.MapGet("/", GetEnterprisesAsync).WithName("ListEnterprises").WithSummary("企业列表（按辖区）").ProducesValidationProblem();
        enterprises.MapGet("/{id}", GetEnterpriseByIdAsync).WithName("GetEnterprise").WithSummary("企业详情").ProducesProblem(StatusCodes.Status404NotFound);
        enterprises.MapPost("/", PostEnterpriseAsync)
            .WithName("CreateEnterprise").WithSummary("登记企业").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        enterprises.MapPut("/{id}", PutEnterpriseAsync)
            .WithName("UpdateEnterprise").WithSummary("修改企业信息").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var parks = api.MapGroup("/parks").WithTags("园区");
        parks.MapGet("/", GetParksAsync).WithName("ListParks").WithSummary("园区列表（按辖区）").ProducesValidationProblem();
        parks.MapGet("/{id}", GetParkByIdAsync).WithName("GetPark").WithSummary("园区详情").ProducesProblem(StatusCodes.Status404NotFound);
        parks.MapPost("/", PostParkAsync)
            .WithName("CreatePark").WithSummary("登记园区").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        parks.MapPut("/{id}", PutParkAsync)
            .WithName("UpdatePark").WithSummary("修改园区信息").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        MapPools(api.MapGroup("/pools").WithTags("培育库"));
        return app;
    }

    // ----- units -----

    private static async Task<Results<Ok<PageOf<UnitDto>>, ValidationProblem>> ListUnitsAsync(GreenTierDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Read(page, pageSize, errors.Add);
        if (errors.Any) return errors.ToProblem();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ToListAsync(ct);
        return TypedResults.Ok(paging.Slice(units.Select(UnitDto.From).ToList()));
    }

    internal static async Task<Results<Ok<UnitDto>, ValidationProblem, ProblemHttpResult>> UpdateUnitAsync(
        Official official, string code, UnitUpdate? body, GreenTierDbContext db, CancellationToken ct)
    {
        if (!official.IsInRole(Roles.Admin)) return Forbidden("只有系统管理员可以修改主管部门名称。");
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null) return NotFound("区县（功能区）");
        var errors = new FieldErrors();
        var bureau = errors.Required("bureauName", body?.BureauName, "主管部门名称", 100);
        if (errors.Any) return errors.ToProblem();
        unit.BureauName = bureau!;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(UnitDto.From(unit));
    }

    // ----- enterprises -----

    internal static async Task<Results<Ok<PageOf<EnterpriseDto>>, ValidationProblem>> ListEnterprisesAsync(
        Official official, GreenTierDbContext db, CancellationToken ct,
        string? district = null, string? search = null, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = ReadPaging(errors, page, pageSize);
        var districtFilter = DistrictFilter(errors, district);
        if (errors.Any) return errors.ToProblem();

        var query = db.Enterprises.AsNoTracking().VisibleTo(official);
        if (districtFilter is not null) query = query.Where(e => e.DistrictCode == districtFilter);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var code = CreditCode.Normalize(text);
            query = query.Where(e => e.Name.Contains(text) || (code.Length > 0 && e.CreditCode.Contains(code)));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip((pageNumber - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PageOf<EnterpriseDto>(items.Select(EnterpriseDto.From).ToArray(), total, pageNumber, size));
    }

    internal static async Task<Results<Ok<EnterpriseDto>, ProblemHttpResult>> GetEnterpriseAsync(
        Official official, string id, GreenTierDbContext db, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (enterprise is null || !official.CanSeeDistrict(enterprise.DistrictCode)) return NotFound("企业");
        return TypedResults.Ok(EnterpriseDto.From(enterprise));
    }

    internal static async Task<Results<Created<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> CreateEnterpriseAsync(
        Official official, EnterpriseInput? body, GreenTierDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!CanEditRegistry(official)) return Forbidden($"{Roles.DisplayName(official.Roles.FirstOrDefault() ?? "")}不能登记企业。");
        var errors = new FieldErrors();
        var enterprise = new Enterprise { Id = NewId(), CreatedAt = clock.GetUtcNow() };
        ValidateEnterprise(errors, body, enterprise, clock);
        if (errors.Any) return errors.ToProblem();
        if (!CanWriteDistrict(official, enterprise.DistrictCode)) return OutOfDistrict(official, enterprise.DistrictCode, "企业");
        if (await DuplicateCreditCodeAsync(db, enterprise.CreditCode, null, ct) is { } duplicate) return duplicate;

        db.Enterprises.Add(enterprise);
        if (await SaveAsync(db, () => DuplicateCreditCodeAsync(db, enterprise.CreditCode, enterprise.Id, ct), ct) is { } conflict) return conflict;
        return TypedResults.Created($"/api/enterprises/{enterprise.Id}", EnterpriseDto.From(enterprise));
    }

    internal static async Task<Results<Ok<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> UpdateEnterpriseAsync(
        Official official, string id, EnterpriseInput? body, GreenTierDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (enterprise is null || !official.CanSeeDistrict(enterprise.DistrictCode)) return NotFound("企业");
        if (!CanEditRegistry(official) || !CanWriteDistrict(official, enterprise.DistrictCode))
            return Forbidden("您不能修改该企业的信息。");

        // Validate into a copy; the tracked entity changes only once everything has passed.
        var errors = new FieldErrors();
        var updated = new Enterprise { Id = enterprise.Id, CreatedAt = enterprise.CreatedAt };
        ValidateEnterprise(errors, body, updated, clock);
        var memberships = await db.PoolMemberships.Where(m => m.EnterpriseId == id && m.ExitedAt == null).ToListAsync(ct);
        if (!errors.Any && memberships.Select(m => updated.IneligibilityFor(m.TargetType)).FirstOrDefault(r => r is not null) is { } ineligible)
            errors.Add("industryCode", ineligible);
        if (errors.Any) return errors.ToProblem();
        if (updated.DistrictCode != enterprise.DistrictCode)
        {
            if (!CanWriteDistrict(official, updated.DistrictCode)) return OutOfDistrict(official, updated.DistrictCode, "企业");
            if (memberships.Count > 0)
                return Conflict($"该企业在{Unit(enterprise.DistrictCode)}培育库中，不能变更所属区县；请先办理出库。");
        }
        if (await DuplicateCreditCodeAsync(db, updated.CreditCode, id, ct) is { } duplicate) return duplicate;

        db.Entry(enterprise).CurrentValues.SetValues(updated);
        foreach (var membership in memberships) membership.MemberName = updated.Name;
        if (await SaveAsync(db, () => DuplicateCreditCodeAsync(db, updated.CreditCode, id, ct), ct) is { } conflict) return conflict;
        return TypedResults.Ok(EnterpriseDto.From(enterprise));
    }

    /// <summary>Checks every field and writes the normalised values into <paramref name="target"/>.</summary>
    private static void ValidateEnterprise(FieldErrors errors, EnterpriseInput? body, Enterprise target, TimeProvider clock)
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
        var today = ChinaTime.Today(clock);
        if (body.EstablishedOn > today) errors.Add("establishedOn", "成立日期不能晚于今天。");
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
        var certifications = new List<Certification>();
        foreach (var (c, i) in (body.Certifications ?? []).Select((c, i) => (c, i)))
        {
            var standard = Certification.RequiredStandards.FirstOrDefault(s => string.Equals(s.Replace(" ", ""), c.Standard?.Replace(" ", ""), StringComparison.OrdinalIgnoreCase));
            if (standard is null) errors.Add($"certifications[{i}].standard", $"认证标准应为 {string.Join("、", Certification.RequiredStandards)} 之一。");
            else if (certifications.Any(x => x.Standard == standard)) errors.Add($"certifications[{i}].standard", $"{standard} 重复填写。");
            if (c.ExpiresOn is null) errors.Add($"certifications[{i}].expiresOn", "请填写证书有效期。");
            if (standard is not null && c.ExpiresOn is { } expires)
                certifications.Add(new Certification { Standard = standard, CertificateNumber = c.CertificateNumber?.Trim(), ExpiresOn = expires });
        }
        target.Certifications = certifications;
    }

    private static async Task<ProblemHttpResult?> DuplicateCreditCodeAsync(GreenTierDbContext db, string code, string? exceptId, CancellationToken ct)
    {
        var existing = await db.Enterprises.AsNoTracking()
            .Where(e => e.CreditCode == code && e.Id != exceptId)
            .Select(e => new { e.Name, e.DistrictCode })
            .FirstOrDefaultAsync(ct);
        return existing is null ? null : Conflict($"该统一社会信用代码已登记为「{existing.Name}」（{Unit(existing.DistrictCode)}）。");
    }

    // ----- parks -----

    internal static async Task<Results<Ok<PageOf<ParkDto>>, ValidationProblem>> ListParksAsync(
        Official official, GreenTierDbContext db, CancellationToken ct,
        string? district = null, string? search = null, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = ReadPaging(errors, page, pageSize);
        var districtFilter = DistrictFilter(errors, district);
        if (errors.Any) return errors.ToProblem();

        var query = db.Parks.AsNoTracking().VisibleTo(official);
        if (districtFilter is not null) query = query.Where(p => p.DistrictCode == districtFilter);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(p => p.Name.Contains(text));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((pageNumber - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PageOf<ParkDto>(items.Select(ParkDto.From).ToArray(), total, pageNumber, size));
    }

    internal static async Task<Results<Ok<ParkDto>, ProblemHttpResult>> GetParkAsync(Official official, string id, GreenTierDbContext db, CancellationToken ct)
    {
        var park = await db.Parks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (park is null || !official.CanSeeDistrict(park.DistrictCode)) return NotFound("园区");
        return TypedResults.Ok(ParkDto.From(park));
    }

    internal static async Task<Results<Created<ParkDto>, ValidationProblem, ProblemHttpResult>> CreateParkAsync(
        Official official, ParkInput? body, GreenTierDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!CanEditRegistry(official)) return Forbidden($"{Roles.DisplayName(official.Roles.FirstOrDefault() ?? "")}不能登记园区。");
        var errors = new FieldErrors();
        var park = new IndustrialPark { Id = NewId(), CreatedAt = clock.GetUtcNow() };
        ValidatePark(errors, body, park);
        if (errors.Any) return errors.ToProblem();
        if (!CanWriteDistrict(official, park.DistrictCode)) return OutOfDistrict(official, park.DistrictCode, "园区");
        if (await DuplicateParkNameAsync(db, park.Name, null, ct) is { } duplicate) return duplicate;

        db.Parks.Add(park);
        if (await SaveAsync(db, () => DuplicateParkNameAsync(db, park.Name, park.Id, ct), ct) is { } conflict) return conflict;
        return TypedResults.Created($"/api/parks/{park.Id}", ParkDto.From(park));
    }

    internal static async Task<Results<Ok<ParkDto>, ValidationProblem, ProblemHttpResult>> UpdateParkAsync(
        Official official, string id, ParkInput? body, GreenTierDbContext db, CancellationToken ct)
    {
        var park = await db.Parks.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (park is null || !official.CanSeeDistrict(park.DistrictCode)) return NotFound("园区");
        if (!CanEditRegistry(official) || !CanWriteDistrict(official, park.DistrictCode)) return Forbidden("您不能修改该园区的信息。");

        var errors = new FieldErrors();
        var updated = new IndustrialPark { Id = park.Id, CreatedAt = park.CreatedAt };
        ValidatePark(errors, body, updated);
        if (errors.Any) return errors.ToProblem();
        var memberships = await db.PoolMemberships.Where(m => m.ParkId == id && m.ExitedAt == null).ToListAsync(ct);
        if (updated.DistrictCode != park.DistrictCode)
        {
            if (!CanWriteDistrict(official, updated.DistrictCode)) return OutOfDistrict(official, updated.DistrictCode, "园区");
            if (memberships.Count > 0) return Conflict($"该园区在{Unit(park.DistrictCode)}培育库中，不能变更所属区县；请先办理出库。");
        }
        if (await DuplicateParkNameAsync(db, updated.Name, id, ct) is { } duplicate) return duplicate;

        db.Entry(park).CurrentValues.SetValues(updated);
        foreach (var membership in memberships) membership.MemberName = updated.Name;
        if (await SaveAsync(db, () => DuplicateParkNameAsync(db, updated.Name, id, ct), ct) is { } conflict) return conflict;
        return TypedResults.Ok(ParkDto.From(park));
    }

    private static readonly string[] ParkLevels = ["国家级", "省级"];

    private static void ValidatePark(FieldErrors errors, ParkInput? body, IndustrialPark target)
    {
        body ??= new ParkInput(null, null);
        target.Name = errors.Required("name", body.Name, "园区名称", 100) ?? "";
        target.DistrictCode = errors.District("districtCode", body.DistrictCode) ?? "";
        var level = string.IsNullOrWhiteSpace(body.Level) ? "省级" : body.Level.Trim();
        if (!ParkLevels.Contains(level)) errors.Add("level", $"园区级别「{level}」不正确，应为国家级或省级。");
        target.Level = level;
        target.ParkType = errors.Optional("parkType", body.ParkType, "园区类型", 50);
        target.Address = errors.Optional("address", body.Address, "地址", 200);
        target.ManagerName = errors.Optional("managerName", body.ManagerName, "管理机构", 100);
        target.ContactName = errors.Optional("contactName", body.ContactName, "联系人", 50);
        target.ContactPhone = errors.Phone("contactPhone", body.ContactPhone, "联系电话");
        target.ContactEmail = errors.Email("contactEmail", body.ContactEmail, "电子邮箱");
        target.Introduction = errors.Optional("introduction", body.Introduction, "园区简介", 500);
    }

    private static async Task<ProblemHttpResult?> DuplicateParkNameAsync(GreenTierDbContext db, string name, string? exceptId, CancellationToken ct)
    {
        var existing = await db.Parks.AsNoTracking()
            .Where(p => p.Name == name && p.Id != exceptId)
            .Select(p => new { p.Name, p.DistrictCode })
            .FirstOrDefaultAsync(ct);
        return existing is null ? null : Conflict($"园区「{existing.Name}」已登记（{Unit(existing.DistrictCode)}），园区名称不能重复。");
    }

    // ----- shared -----

    /// <summary>Saves; a unique-index violation (a concurrent request won the race) becomes the same 409 as the pre-check.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(GreenTierDbContext db, Func<Task<ProblemHttpResult?>> conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await conflict() is { } problem) return problem;
            throw;
        }
    }

    /// <summary>The API's one paging convention (<see cref="PageRequest"/>), its refusals added to the field errors.</summary>
    private static (int Page, int PageSize) ReadPaging(FieldErrors errors, int? page, int? pageSize)
    {
        var paging = PageRequest.Read(page, pageSize, errors.Add);
        return (paging.Page, paging.PageSize);
    }

    private static string? DistrictFilter(FieldErrors errors, string? district) =>
        string.IsNullOrWhiteSpace(district) ? null : errors.District("district", district);
}
