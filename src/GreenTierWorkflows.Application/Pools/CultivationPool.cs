using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Application.Dashboard;
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

    /// <summary>
    /// The pool in the official's scope, filtered as <paramref name="query"/> asks and ordered newest year first, by
    /// district, active before exited, by name — in the database. A filter value outside its rule is refused at its field.
    /// </summary>
    public DomainResult<IQueryable<PoolMembership>> Search(Official official, PoolListQuery query) => Search(official, query, ListFilter.Read(query));

    /// <summary>The list query's district and keyword as their rules read them: the search and its page's count read them once.</summary>
    private sealed record ListFilter(string? District, ListKeyword? Keyword)
    {
        public static DomainResult<ListFilter> Read(PoolListQuery query)
        {
            var errors = new FieldErrors();
            var district = RegistryRules.DistrictFilter(errors, query.District);
            var keyword = ListKeyword.Read(query.Keyword, errors.Add);
            return errors.Any ? errors.ToError() : new ListFilter(district, keyword);
        }
    }

    private DomainResult<IQueryable<PoolMembership>> Search(Official official, PoolListQuery query, DomainResult<ListFilter> filter)
    {
        if (filter.Error is { } refused) return refused;
        var (districtFilter, keyword) = filter.Value!;
        // As the nominations' search: the keyword's rule and index are KeywordIndex's.
        var q = (keyword is null ? db.PoolMemberships : KeywordIndex.PoolMembers(db, keyword.Text, keyword.Code)).AsNoTracking().VisibleTo(official);
        if (districtFilter is not null) q = q.Where(m => m.DistrictCode == districtFilter);
        if (query.Year is { } y) q = q.Where(m => m.Year == y);
        if (query.Type is { } type) q = q.Where(m => m.TargetType == type);
        if (query.Active is { } active) q = active ? q.Where(m => m.ExitedAt == null) : q.Where(m => m.ExitedAt != null);
        // The order of the index IX_PoolMemberships_List (Year, DistrictCode, ExitedAt IS NOT NULL, MemberName, Id): a year's
        // page is read in index order instead of sorting the year's pool on every page view (active sorts before exited).
        return DomainResult<IQueryable<PoolMembership>>.Success(q.OrderByDescending(m => m.Year).ThenBy(m => m.DistrictCode)
            .ThenBy(m => m.ExitedAt != null).ThenBy(m => m.MemberName).ThenBy(m => m.Id));
    }

    /// <summary>
    /// One page of <see cref="Search"/>, each member with where it stands, and how many match — all in the database. Without a
    /// keyword the total is read from the dashboard's counts (<see cref="CountedTotals"/>), instead of counting the year's index.
    /// </summary>
    public Task<DomainResult<PageOf<PoolMemberDto>>> ListPageAsync(Official official, PoolListQuery query, int? page = null, int? pageSize = null,
        CancellationToken ct = default)
    {
        var filter = ListFilter.Read(query);
        Func<CancellationToken, Task<int>>? counted = null;
        if (filter.Value is { Keyword: null, District: var district })
            counted = token => CountedTotals.PoolMembersAsync(db, official, query.Year, district, query.Type, query.Active, token);
        return PagedSearch.PageAsync(Search(official, query, filter), page, pageSize, async (rows, token) =>
        {
            // The page first (ordered on the pool's columns), then where its members stand: the look-ups run for at most one
            // page of members (their ids bound once each, at most PageRequest.MaxPageSize), never for every member sorted.
            var ids = await rows.Select(m => m.Id).ToListAsync(token);
            var standing = (await WithStanding(db.PoolMemberships.AsNoTracking().Where(m => ids.Contains(m.Id))).ToListAsync(token))
                .ToDictionary(r => r.Member.Id, StringComparer.Ordinal);
            return ids.Where(standing.ContainsKey).Select(id => standing[id].ToDto()).ToList(); // a member removed in between is left out
        }, ct, counted);
    }

    /// <summary>
    /// Each member with its highest active listing tier for its pool's type and its newest nomination still in progress
    /// (draft, 办理中 or 退回修改) of that type: correlated sub-queries on the indexed member ids, so a page, an export and one
    /// member cost the same per row and no statement binds a parameter per member.
    /// </summary>
    public IQueryable<PoolMemberRow> WithStanding(IQueryable<PoolMembership> members) =>
        // Each look-up is an equality on one indexed column (the enterprise's id, or else the park's): an OR across both
        // columns would scan the table once per member. A member naming neither has no standing (and no look-up).
        members.Select(m => new PoolMemberRow(m,
            m.EnterpriseId != null
                ? db.Listings.Where(l => l.EnterpriseId == m.EnterpriseId && l.Status == ListingStatus.Active && l.Type == m.TargetType)
                    .OrderByDescending(l => l.Tier == Tier.National ? 3 : l.Tier == Tier.Province ? 2 : 1).Select(l => (Tier?)l.Tier).FirstOrDefault()
                : m.ParkId != null
                    ? db.Listings.Where(l => l.ParkId == m.ParkId && l.Status == ListingStatus.Active && l.Type == m.TargetType)
                        .OrderByDescending(l => l.Tier == Tier.National ? 3 : l.Tier == Tier.Province ? 2 : 1).Select(l => (Tier?)l.Tier).FirstOrDefault()
                    : null,
            m.EnterpriseId != null
                ? db.Nominations.Where(n => n.EnterpriseId == m.EnterpriseId && n.Type == m.TargetType && OpenStatuses.Contains(n.Status))
                    .OrderByDescending(n => n.CreatedAt).Select(n => n.Id).FirstOrDefault()
                : m.ParkId != null
                    ? db.Nominations.Where(n => n.ParkId == m.ParkId && n.Type == m.TargetType && OpenStatuses.Contains(n.Status))
                        .OrderByDescending(n => n.CreatedAt).Select(n => n.Id).FirstOrDefault()
                    : null,
            m.EnterpriseId != null
                ? db.Nominations.Where(n => n.EnterpriseId == m.EnterpriseId && n.Type == m.TargetType && OpenStatuses.Contains(n.Status))
                    .OrderByDescending(n => n.CreatedAt).Select(n => n.Stage).FirstOrDefault()
                : m.ParkId != null
                    ? db.Nominations.Where(n => n.ParkId == m.ParkId && n.Type == m.TargetType && OpenStatuses.Contains(n.Status))
                        .OrderByDescending(n => n.CreatedAt).Select(n => n.Stage).FirstOrDefault()
                    : null));

    /// <summary>A nomination in progress: a draft, 办理中 or 退回修改 (a fixed list of three, inlined as constants).</summary>
    private static readonly NominationStatus[] OpenStatuses = [NominationStatus.Draft, NominationStatus.InProgress, NominationStatus.Returned];

    /// <summary>
    /// Which of <paramref name="memberIds"/> (enterprise or park ids: one page of a picker, at most
    /// <see cref="PageRequest.MaxPageSize"/>) are active in the year's pool.
    /// </summary>
    public async Task<IReadOnlySet<string>> EnrolledAmongAsync(int year, IReadOnlyList<string> memberIds, CancellationToken ct = default)
    {
        if (memberIds.Count is 0 or > PageRequest.MaxPageSize) return new HashSet<string>();
        var found = await db.PoolMemberships.AsNoTracking()
            .Where(m => m.Year == year && m.ExitedAt == null && ((m.EnterpriseId != null && memberIds.Contains(m.EnterpriseId)) || (m.ParkId != null && memberIds.Contains(m.ParkId))))
            .Select(m => m.EnterpriseId ?? m.ParkId!).ToListAsync(ct);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    private async Task<PoolMemberDto> StandingOfAsync(PoolMembership membership, CancellationToken ct) =>
        (await WithStanding(db.PoolMemberships.AsNoTracking().Where(m => m.Id == membership.Id)).SingleAsync(ct)).ToDto();

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
        return await StandingOfAsync(membership, ct);
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
        return await StandingOfAsync(membership, ct);
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
        return await StandingOfAsync(membership, ct);
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
