using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Registry;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Application.Registry.RegistryPermissions;

namespace GreenTierWorkflows.Application.Pools;

/// <summary>
/// The yearly cultivation pools (培育库) of the districts: list, enrol an enterprise or a park (once a year each), keep
/// the guidance notes, exit with a reason. Kept by district officials in their own district (<see cref="RegistryPermissions"/>);
/// who may be enrolled for which list is the enterprise's own rule (<see cref="Domain.Registry.Enterprise.IneligibilityFor"/>).
/// </summary>
public sealed class CultivationPool(GreenTierDbContext db, EnterpriseRegistry enterprises, TimeProvider clock)
{
    public const int MaxGuidanceLength = 2000;

    /// <summary>The pool in the official's scope: newest year first, by district, active before exited, by name.</summary>
    public async Task<DomainResult<IReadOnlyList<PoolMemberDto>>> ListAsync(Official official, int? year = null, string? district = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var districtFilter = RegistryRules.DistrictFilter(errors, district);
        if (errors.Any) return errors.ToError();

        var query = db.PoolMemberships.AsNoTracking().VisibleTo(official);
        if (districtFilter is not null) query = query.Where(m => m.DistrictCode == districtFilter);
        if (year is { } y) query = query.Where(m => m.Year == y);
        var members = await query.ToListAsync(ct);
        var standings = await StandingsAsync(members, ct);
        return members
            .OrderByDescending(m => m.Year)
            .ThenBy(m => m.DistrictCode, StringComparer.Ordinal)
            .ThenBy(m => m.IsActive ? 0 : 1)
            .ThenBy(m => m.MemberName, StringComparer.Ordinal)
            .Select(m => PoolMemberDto.From(m, standings[m.Id]))
            .ToArray();
    }

    /// <summary>
    /// Each member's highest active listing for its pool's type and its newest nomination still in progress (draft,
    /// 办理中 or 退回修改) of that type, in two queries for the whole page.
    /// </summary>
    private async Task<Dictionary<string, PoolMemberStanding>> StandingsAsync(IReadOnlyList<PoolMembership> members, CancellationToken ct)
    {
        var enterpriseIds = members.Select(m => m.EnterpriseId).OfType<string>().Distinct().ToList();
        var parkIds = members.Select(m => m.ParkId).OfType<string>().Distinct().ToList();
        var listings = await db.Listings.AsNoTracking()
            .Where(l => l.Status == ListingStatus.Active && ((l.EnterpriseId != null && enterpriseIds.Contains(l.EnterpriseId)) || (l.ParkId != null && parkIds.Contains(l.ParkId))))
            .Select(l => new { l.EnterpriseId, l.ParkId, l.Type, l.Tier }).ToListAsync(ct);
        NominationStatus[] open = [NominationStatus.Draft, NominationStatus.InProgress, NominationStatus.Returned];
        var nominations = await db.Nominations.AsNoTracking()
            .Where(n => open.Contains(n.Status) && ((n.EnterpriseId != null && enterpriseIds.Contains(n.EnterpriseId)) || (n.ParkId != null && parkIds.Contains(n.ParkId))))
            .Select(n => new { n.Id, n.EnterpriseId, n.ParkId, n.Type, n.Stage, n.CreatedAt }).ToListAsync(ct);
        return members.ToDictionary(m => m.Id, m =>
        {
            bool Same(string? enterpriseId, string? parkId) => (m.EnterpriseId != null && enterpriseId == m.EnterpriseId) || (m.ParkId != null && parkId == m.ParkId);
            var tier = listings.Where(l => l.Type == m.TargetType && Same(l.EnterpriseId, l.ParkId)).Select(l => (Tier?)l.Tier).Max();
            var nomination = nominations.Where(n => n.Type == m.TargetType && Same(n.EnterpriseId, n.ParkId)).MaxBy(n => n.CreatedAt);
            return new PoolMemberStanding(tier, nomination?.Id, nomination?.Stage);
        });
    }

    /// <summary>One page of <see cref="ListAsync"/>.</summary>
    public async Task<DomainResult<PageOf<PoolMemberDto>>> ListPageAsync(
        Official official, int? year = null, string? district = null, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var paging = PageRequest.Read(page, pageSize);
        if (paging.Error is { } invalid) return invalid;
        var listed = await ListAsync(official, year, district, ct);
        return listed.Error is { } refused ? refused : paging.Value.Slice(listed.Value!);
    }

    /// <summary>入库: an enterprise or a park (exactly one) of the official's district, in a year's pool, once a year.</summary>
    public async Task<DomainResult<PoolMemberDto>> EnrolAsync(Official official, PoolEnrolment? body, CancellationToken ct = default)
    {
        if (!CanEditPools(official)) return DomainError.Forbidden("培育库由区县主管部门办理，您的角色不能入库。");
        body ??= new PoolEnrolment(null, null, null, null);
        var errors = new FieldErrors();

        var lastYear = ListYears.Last(clock);
        if (body.Year is not { } year) errors.Add("year", "请填写年度。");
        else if (year < ListYears.First || year > lastYear) errors.Add("year", $"年度应在 {ListYears.First} 到 {lastYear} 之间。");

        NominationType? type = null;
        if (string.IsNullOrWhiteSpace(body.TargetType)) errors.Add("targetType", "请选择培育方向（GreenFactory、GreenPark 或 GreenSupplyChain）。");
        else if (ParseTargetType(body.TargetType) is { } parsed) type = parsed;
        else errors.Add("targetType", $"培育方向「{body.TargetType.Trim()}」不正确，应为 GreenFactory（绿色工厂）、GreenPark（绿色工业园区）或 GreenSupplyChain（绿色供应链管理企业）。");

        var enterpriseId = string.IsNullOrWhiteSpace(body.EnterpriseId) ? null : body.EnterpriseId.Trim();
        var parkId = string.IsNullOrWhiteSpace(body.ParkId) ? null : body.ParkId.Trim();
        if (enterpriseId is null && parkId is null) errors.Add("enterpriseId", "请选择要入库的企业（enterpriseId）或园区（parkId）。");
        else if (enterpriseId is not null && parkId is not null) errors.Add("parkId", "企业（enterpriseId）与园区（parkId）只能选择一个。");
        else if (type == NominationType.GreenPark && parkId is null) errors.Add("parkId", "绿色工业园区的培育对象须为园区，请选择园区（parkId）。");
        else if (type is NominationType.GreenFactory or NominationType.GreenSupplyChain && enterpriseId is null)
            errors.Add("enterpriseId", $"{DomainText.Of(type.Value)}的培育对象须为企业，请选择企业（enterpriseId）。");

        var notes = errors.Optional("guidanceNotes", body.GuidanceNotes, "培育指导意见", MaxGuidanceLength, multiLine: true);

        // The member: it must exist and be of the official's district; the enterprise must be eligible for the list.
        string? memberName = null, memberDistrict = null;
        if (enterpriseId is not null && parkId is null)
        {
            var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct);
            if (enterprise is null) errors.Add("enterpriseId", "未找到该企业，请先登记企业。");
            else
            {
                (memberName, memberDistrict) = (enterprise.Name, enterprise.DistrictCode);
                if (type is { } target && enterprise.IneligibilityFor(target) is { } ineligible) errors.Add("enterpriseId", ineligible);
            }
        }
        else if (parkId is not null && enterpriseId is null)
        {
            var park = await db.Parks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == parkId, ct);
            if (park is null) errors.Add("parkId", "未找到该园区，请先登记园区。");
            else (memberName, memberDistrict) = (park.Name, park.DistrictCode);
        }
        if (errors.Any) return errors.ToError();
        if (!CanWriteDistrict(official, memberDistrict!)) return OutOfDistrict(official, memberDistrict!, "培育库");

        var sameYear = db.PoolMemberships.AsNoTracking().Where(m => m.Year == body.Year && m.ExitedAt == null);
        sameYear = enterpriseId is not null ? sameYear.Where(m => m.EnterpriseId == enterpriseId) : sameYear.Where(m => m.ParkId == parkId);
        var active = await sameYear.FirstOrDefaultAsync(ct);
        if (active is not null)
            return DomainError.Conflict($"「{memberName}」已在 {active.Year} 年培育库中（{DomainText.Of(active.TargetType)}），同一年度不能重复入库。");

        var membership = new PoolMembership
        {
            Id = RegistryRules.NewId(),
            DistrictCode = memberDistrict!,
            Year = body.Year!.Value,
            EnterpriseId = enterpriseId,
            ParkId = parkId,
            MemberName = memberName!,
            TargetType = type!.Value,
            GuidanceNotes = notes,
            EnrolledAt = clock.GetUtcNow(),
            EnrolledBy = official.UserName,
        };
        db.PoolMemberships.Add(membership);
        await db.SaveChangesAsync(ct);
        return PoolMemberDto.From(membership, (await StandingsAsync([membership], ct))[membership.Id]);
    }

    /// <summary>
    /// 登记企业并入库: registers the enterprise and enrols it in the year's pool in one transaction, with the same checks
    /// as <see cref="EnterpriseRegistry.CreateAsync"/> and <see cref="EnrolAsync"/>; when either refuses, nothing is saved.
    /// </summary>
    public async Task<DomainResult<PoolMemberDto>> RegisterAndEnrolAsync(
        Official official, EnterpriseInput? enterprise, int? year, string? targetType, string? guidanceNotes, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var registered = await enterprises.CreateAsync(official, enterprise, ct);
        if (registered.Error is { } refused) return refused;
        var enrolled = await EnrolAsync(official, new PoolEnrolment(year, registered.Value!.Id, null, targetType, guidanceNotes), ct);
        if (enrolled.Ok) await transaction.CommitAsync(ct);
        else db.ChangeTracker.Clear(); // the enterprise row is rolled back with the transaction
        return enrolled;
    }

    /// <summary>Changes the guidance notes of an active member.</summary>
    public async Task<DomainResult<PoolMemberDto>> UpdateGuidanceAsync(Official official, string id, PoolGuidance? body, CancellationToken ct = default)
    {
        var membership = await db.PoolMemberships.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (membership is null || !official.CanSeeDistrict(membership.DistrictCode)) return NotFound("培育库记录");
        if (!CanEditPools(official) || !CanWriteDistrict(official, membership.DistrictCode)) return DomainError.Forbidden("您不能修改该培育库记录。");
        var errors = new FieldErrors();
        var notes = errors.Optional("guidanceNotes", body?.GuidanceNotes, "培育指导意见", MaxGuidanceLength, multiLine: true);
        if (errors.Any) return errors.ToError();
        if (!membership.IsActive) return DomainError.Conflict($"「{membership.MemberName}」已于 {membership.ExitedAt:yyyy-MM-dd} 出库，不能再修改指导意见。");
        membership.GuidanceNotes = notes;
        await db.SaveChangesAsync(ct);
        return PoolMemberDto.From(membership, (await StandingsAsync([membership], ct))[membership.Id]);
    }

    /// <summary>出库: an active member leaves the pool, with the reason on record.</summary>
    public async Task<DomainResult<PoolMemberDto>> ExitAsync(Official official, string id, PoolExit? body, CancellationToken ct = default)
    {
        var membership = await db.PoolMemberships.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (membership is null || !official.CanSeeDistrict(membership.DistrictCode)) return NotFound("培育库记录");
        if (!CanEditPools(official) || !CanWriteDistrict(official, membership.DistrictCode)) return DomainError.Forbidden("您不能办理该培育库记录的出库。");
        var errors = new FieldErrors();
        var reason = errors.Required("reason", body?.Reason, "出库原因", 500, multiLine: true);
        if (errors.Any) return errors.ToError();
        if (!membership.IsActive) return DomainError.Conflict($"「{membership.MemberName}」已于 {membership.ExitedAt:yyyy-MM-dd} 出库。");
        membership.ExitedAt = clock.GetUtcNow();
        membership.ExitReason = reason;
        await db.SaveChangesAsync(ct);
        return PoolMemberDto.From(membership, (await StandingsAsync([membership], ct))[membership.Id]);
    }

    /// <summary>The enum name (any case) or the Chinese name (绿色工厂…).</summary>
    private static NominationType? ParseTargetType(string text)
    {
        var value = text.Trim();
        foreach (var type in Enum.GetValues<NominationType>())
            if (string.Equals(type.ToString(), value, StringComparison.OrdinalIgnoreCase) || DomainText.Of(type) == value)
                return type;
        return null;
    }
}
