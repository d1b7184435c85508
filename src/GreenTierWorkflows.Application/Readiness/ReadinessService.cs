using GreenTierWorkflows.Application.Dashboard;
using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Registry;
using GreenTierWorkflows.Application.Validation;
using GreenTierWorkflows.Application.Windows;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;
using static GreenTierWorkflows.Application.Registry.RegistryPermissions;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// 培育梯度: every active pool member of the official's scope (a district sees its own, the city all) judged for each
/// tier of the coming round by <see cref="ReadinessAssessor"/>, with the district's checklist of follow-ups per gap. The
/// coming round is this year's until the provincial green-factory window has closed, then next year's; its windows are
/// the stored ones, else the configured defaults.
/// </summary>
public sealed class ReadinessService(GreenTierDbContext db, ReadinessRuleCatalog catalog, ReadinessWindowDefaults defaults, TimeProvider clock)
{
    public const int MaxGuidanceLength = 1000;
    public const int MaxAssigneeLength = 50;

    /// <summary>
    /// The whole ladder, filtered as <paramref name="query"/> asks and ordered by district and name, assessed and handed out a
    /// batch of members (1,000) at a time, so the export, the plan and the notices go through a city of 100,000 members
    /// without holding them all.
    /// </summary>
    public async Task<DomainResult<ReadinessBatches>> BatchesAsync(Official official, ReadinessQuery? query, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var members = Filter(official, query);
        if (members.Error is { } refused) return refused;
        var round = await RoundYearAsync(ct);
        return new ReadinessBatches(round, MatchingBatchesAsync(members.Value!, round, query, ct));
    }

    private async IAsyncEnumerable<IReadOnlyList<MemberReadiness>> MatchingBatchesAsync(IQueryable<PoolMembership> members, int round, ReadinessQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in AssessInBatchesAsync(members, round, ct))
        {
            var rows = Matching(batch, query).ToList();
            if (rows.Count > 0) yield return rows;
        }
    }

    /// <summary>
    /// One page of the ladder with the number of rows the filter matched (the API's list shape; the page asks for the two
    /// apart, <see cref="RowsAsync"/> and <see cref="CountAsync"/>, so its rows show before the count answers). With a
    /// standing filter the scope is assessed once for both.
    /// </summary>
    public async Task<DomainResult<ReadinessBoard>> PageAsync(Official official, ReadinessQuery? query, PageRequest paging, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var members = Filter(official, query);
        if (members.Error is { } refused) return refused;
        var round = await RoundYearAsync(ct);
        if (!ByStanding(query))
            return Board(round, await AssessPageAsync(members.Value!, paging, round, ct), await CountMembersAsync(official, query, members.Value!, ct));
        var (rows, total) = await ScanStandingAsync(members.Value!, round, query, paging, countAll: true, ct);
        return Board(round, rows, total);
    }

    /// <summary>
    /// One page of the ladder, not counted (<see cref="ReadinessBoard.Total"/> null). Without a standing filter the members are
    /// paged in the database and only the page is assessed, so a page costs the same for a district of 50 and a city of
    /// 40,000; a standing filter (e.g. 省级有差距) is known only after assessing, so then the scope is assessed in batches
    /// until the page is full.
    /// </summary>
    public async Task<DomainResult<ReadinessBoard>> RowsAsync(Official official, ReadinessQuery? query, PageRequest paging, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var members = Filter(official, query);
        if (members.Error is { } refused) return refused;
        var round = await RoundYearAsync(ct);
        if (!ByStanding(query)) return Board(round, await AssessPageAsync(members.Value!, paging, round, ct), null);
        var (rows, _) = await ScanStandingAsync(members.Value!, round, query, paging, countAll: false, ct);
        return Board(round, rows, null);
    }

    /// <summary>
    /// How many rows of the ladder the filter matches, the same filter and scope as <see cref="RowsAsync"/>: a COUNT in the
    /// database, or with a standing filter the scope assessed in batches and the matches counted.
    /// </summary>
    public async Task<DomainResult<int>> CountAsync(Official official, ReadinessQuery? query, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var members = Filter(official, query);
        if (members.Error is { } refused) return refused;
        if (!ByStanding(query)) return await CountMembersAsync(official, query, members.Value!, ct);
        var (_, count) = await ScanStandingAsync(members.Value!, await RoundYearAsync(ct), query, null, countAll: true, ct);
        return count;
    }

    private async Task<IReadOnlyList<MemberReadiness>> AssessPageAsync(IQueryable<PoolMembership> members, PageRequest paging, int round, CancellationToken ct) =>
        await AssessAsync(await members.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct), round, ct);

    /// <summary>
    /// The members matching a standing filter, assessed in batches: the rows of <paramref name="paging"/> (none without it) and
    /// how many matched — all of them with <paramref name="countAll"/>, else the scan stops once the page is full.
    /// </summary>
    private async Task<(List<MemberReadiness> Rows, int Matched)> ScanStandingAsync(IQueryable<PoolMembership> members, int round, ReadinessQuery query,
        PageRequest? paging, bool countAll, CancellationToken ct)
    {
        var (rows, matched) = (new List<MemberReadiness>(), 0);
        var (from, to) = paging is { } p ? (p.Skip, p.Skip + p.PageSize) : (0, 0);
        await foreach (var batch in MatchingBatchesAsync(members, round, query, ct))
            foreach (var row in batch)
            {
                if (matched++ >= from && matched <= to) rows.Add(row);
                if (!countAll && matched >= to) return (rows, matched);
            }
        return (rows, matched);
    }

    /// <summary>
    /// How many members of the ladder a filter without a standing matches. Without a keyword: the dashboard's counts of active
    /// pool members of this year and next (<see cref="CountedTotals.PoolMembersAsync"/>) less this year's members that next
    /// year's enrolments supersede (<see cref="Members"/>'s rule, read from next year's side by
    /// <see cref="PoolLadderQueries.SupersededThisYear"/>). Counting the ladder's index checked every member's newer
    /// enrolment: 61 ms at 100,000 members. With a keyword the matching members are counted.
    /// </summary>
    private async Task<int> CountMembersAsync(Official official, ReadinessQuery query, IQueryable<PoolMembership> members, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(query.Keyword)) return await members.CountAsync(ct);
        var year = ChinaTime.CurrentYear(clock);
        var district = RegistryRules.DistrictFilter(new FieldErrors(), query.District);
        var enrolled = await CountedTotals.PoolMembersAsync(db, official, year, district, query.Type, active: true, ct)
            + await CountedTotals.PoolMembersAsync(db, official, year + 1, district, query.Type, active: true, ct);
        return enrolled - await Superseded(official, year, district, query.Type).CountAsync(ct);
    }

    /// <summary>This year's members in scope (of the unit and type given) that next year's enrolments supersede.</summary>
    internal IQueryable<PoolMembership> Superseded(Official official, int year, string? district, NominationType? type)
    {
        var superseded = PoolLadderQueries.SupersededThisYear(db, year).AsNoTracking().VisibleTo(official);
        if (district is not null) superseded = superseded.Where(m => m.DistrictCode == district);
        if (type is { } t) superseded = superseded.Where(m => m.TargetType == t);
        return superseded;
    }

    private static bool ByStanding(ReadinessQuery query) => query is { Tier: not null, Standing: not null };

    private DomainResult<IQueryable<PoolMembership>> Filter(Official official, ReadinessQuery query)
    {
        var errors = new FieldErrors();
        var district = RegistryRules.DistrictFilter(errors, query.District);
        if (errors.Any) return errors.ToError();
        var members = Members(official);
        if (district is not null) members = members.Where(m => m.DistrictCode == district);
        if (query.Type is { } type) members = members.Where(m => m.TargetType == type);
        if (!string.IsNullOrWhiteSpace(query.Keyword)) members = members.Where(m => m.MemberName.Contains(query.Keyword.Trim()));
        return DomainResult<IQueryable<PoolMembership>>.Success(members.OrderBy(m => m.DistrictCode).ThenBy(m => m.MemberName).ThenBy(m => m.Id));
    }

    private static IEnumerable<MemberReadiness> Matching(IEnumerable<MemberReadiness> rows, ReadinessQuery query) =>
        query is { Tier: { } tier, Standing: { } standing } ? rows.Where(r => r.Cell(tier)?.Standing == standing) : rows;

    /// <summary>The members of <paramref name="members"/> (ordered) assessed a batch at a time, so memory stays bounded at any scope.</summary>
    private async IAsyncEnumerable<List<MemberReadiness>> AssessInBatchesAsync(IQueryable<PoolMembership> members, int round,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in MemberBatchesAsync(members, BatchSize, ct))
            yield return await AssessAsync(batch, round, ct);
    }

    /// <summary>How many members the whole-scope reads (the export, the plan, the notices) assess at a time.</summary>
    private const int BatchSize = 1000;

    /// <summary>
    /// The members of <paramref name="members"/> (in the ladder's order: district, name, id) a batch at a time, each batch read
    /// by seeking past the last member of the one before (<see cref="AfterInDistrict"/>, then <see cref="InLaterDistricts"/>)
    /// instead of skipping the members read so far: an OFFSET walks every skipped entry of the ladder's index and checks each
    /// one's newer enrolment again, 59 ms for the batch after 90,000 members against 0.8 ms seeking, so the city's whole
    /// ladder cost the square of its size.
    /// </summary>
    internal static async IAsyncEnumerable<List<PoolMembership>> MemberBatchesAsync(IQueryable<PoolMembership> members, int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var batch = await members.Take(batchSize).ToListAsync(ct);
        while (true)
        {
            if (batch.Count > 0) yield return batch;
            if (batch.Count < batchSize) yield break;
            var last = batch[^1];
            batch = await AfterInDistrict(members, last).Take(batchSize).ToListAsync(ct);
            if (batch.Count < batchSize) batch.AddRange(await InLaterDistricts(members, last).Take(batchSize - batch.Count).ToListAsync(ct));
        }
    }

    /// <summary>
    /// The members of <paramref name="last"/>'s district after it in the ladder's order: a range of the ladder's index from its
    /// name on (a row comparison of name and id has no portable LINQ; the id breaks ties between equal names).
    /// </summary>
    internal static IQueryable<PoolMembership> AfterInDistrict(IQueryable<PoolMembership> members, PoolMembership last)
    {
        var (district, name, id) = (last.DistrictCode, last.MemberName, last.Id);
        return members.Where(m => m.DistrictCode == district && m.MemberName.CompareTo(name) >= 0 && (m.MemberName.CompareTo(name) > 0 || m.Id.CompareTo(id) > 0));
    }

    /// <summary>The members of the districts after <paramref name="last"/>'s, in the ladder's order.</summary>
    internal static IQueryable<PoolMembership> InLaterDistricts(IQueryable<PoolMembership> members, PoolMembership last)
    {
        var district = last.DistrictCode;
        return members.Where(m => m.DistrictCode.CompareTo(district) > 0);
    }

    private ReadinessBoard Board(int round, IReadOnlyList<MemberReadiness> rows, int? total)
    {
        var rules = catalog.For(round);
        return new ReadinessBoard(round, rules.Source, rules.Description, rows, total);
    }

    /// <summary>The coming round the ladder is judged against and the rules file for it (no member assessed).</summary>
    public async Task<ReadinessRound> RoundAsync(CancellationToken ct = default)
    {
        var round = await RoundYearAsync(ct);
        var rules = catalog.For(round);
        return new ReadinessRound(round, rules.Source, rules.Description);
    }

    /// <summary>One member's row; outside the official's scope it is not found.</summary>
    public async Task<DomainResult<MemberReadiness>> MemberAsync(Official official, string memberId, CancellationToken ct = default)
    {
        var member = await Members(official).FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return NotFound("培育库记录");
        return (await AssessAsync([member], await RoundYearAsync(ct), ct))[0];
    }

    /// <summary>Records (or updates) the checklist line of one gap: guidance, who follows up, by when, done.</summary>
    public async Task<DomainResult<MemberReadiness>> SaveFollowUpAsync(Official official, string memberId, FollowUpInput? body, CancellationToken ct = default)
    {
        var member = await Members(official).FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return NotFound("培育库记录");
        if (!CanEditPools(official) || !CanWriteDistrict(official, member.DistrictCode))
            return DomainError.Forbidden("培育梯度的跟进由区县主管部门办理，您不能修改该记录。");
        var errors = new FieldErrors();
        var key = errors.Required("criterionKey", body?.CriterionKey, "差距项", 80);
        var guidance = errors.Optional("guidance", body?.Guidance, "指导意见", MaxGuidanceLength, multiLine: true);
        var assignee = errors.Optional("assignee", body?.Assignee, "跟进人", MaxAssigneeLength);
        var today = ChinaTime.Today(clock);
        if (body?.DueOn is { } due && due < today.AddYears(-1)) errors.Add("dueOn", "完成时限不能早于一年前。");
        if (errors.Any) return errors.ToError();
        var known = key!.StartsWith("certificate:", StringComparison.Ordinal) || key == ReadinessCriteria.Ladder || ReadinessCriteria.All.Contains(key);
        if (!known) return DomainError.Invalid("criterionKey", $"差距项「{key}」不是培育梯度的条件。");

        var line = await db.GapFollowUps.FirstOrDefaultAsync(f => f.PoolMembershipId == member.Id && f.CriterionKey == key, ct);
        if (line is null)
        {
            line = new GapFollowUp { Id = RegistryRules.NewId(), PoolMembershipId = member.Id, DistrictCode = member.DistrictCode, CriterionKey = key };
            db.GapFollowUps.Add(line);
        }
        line.Guidance = guidance;
        line.Assignee = assignee;
        line.DueOn = body!.DueOn;
        line.DoneOn = body.Done ? line.DoneOn ?? today : null;
        line.UpdatedAt = clock.GetUtcNow();
        line.UpdatedBy = official.DisplayName;
        await db.SaveChangesAsync(ct);
        return await MemberAsync(official, memberId, ct);
    }

    /// <summary>The coming round: this China year until its provincial green-factory window has closed, then the next.</summary>
    public async Task<int> RoundYearAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var year = ChinaTime.Of(now).Year;
        var window = (await WindowsAsync(year, NominationType.GreenFactory, ct)).GetValueOrDefault(Tier.Province);
        return window is not null && now >= window.SubmissionEndsAt ? year + 1 : year;
    }

    /// <summary>The round's windows of one type per tier: stored ones, else the configured defaults for that year.</summary>
    public async Task<IReadOnlyDictionary<Tier, DeclarationWindow>> WindowsAsync(int year, NominationType type, CancellationToken ct = default)
    {
        var stored = await db.DeclarationWindows.AsNoTracking().Where(w => w.Year == year && w.Type == type).ToListAsync(ct);
        var windows = stored.ToDictionary(w => w.Tier);
        foreach (var d in defaults.Defaults.Where(d => d.Type == type && !windows.ContainsKey(d.Tier)))
            windows[d.Tier] = DeclarationWindowDefaults.Project(d, year, clock.GetUtcNow());
        return windows;
    }

    /// <summary>
    /// Active pool members of this or next year in the official's scope (a member enrolled in both counts once, the newer).
    /// Read in the order of the partial index <c>IX_PoolMemberships_Ladder</c> (district, name, id of the active members,
    /// with the columns the filter needs): a page stops after its rows, and a count reads that index alone. The years' bounds
    /// are spelled for each engine (<see cref="PoolLadderQueries.ActiveInLadderYears"/>).
    /// </summary>
    private IQueryable<PoolMembership> Members(Official official)
    {
        var year = ChinaTime.CurrentYear(clock);
        var active = db.PoolMemberships.Where(m => m.ExitedAt == null && m.Year >= year && m.Year <= year + 1);
        return PoolLadderQueries.ActiveInLadderYears(db, year).AsNoTracking().VisibleTo(official)
            .Where(m => !active.Any(newer => newer.Year > m.Year
                && ((m.EnterpriseId != null && newer.EnterpriseId == m.EnterpriseId) || (m.ParkId != null && newer.ParkId == m.ParkId))));
    }

    /// <summary>The ladder's members as a page and the count read them (filter and order of <see cref="RowsAsync"/>), for plan checks.</summary>
    internal IQueryable<PoolMembership> LadderMembers(Official official, ReadinessQuery query) => Filter(official, query).Value!;

    /// <summary>
    /// The listings of some enterprises (or parks), on that column's index: one query per column, as an OR of the two columns
    /// reads the whole table on SQLite (a page of the ladder cost 0.2 s of it at 100k nominations).
    /// </summary>
    internal IQueryable<Listing> ListingsOf(IReadOnlyCollection<string> ids, bool parks) =>
        parks ? db.Listings.AsNoTracking().Where(l => ids.Contains(l.ParkId!)) : db.Listings.AsNoTracking().Where(l => ids.Contains(l.EnterpriseId!));

    /// <summary>The nominations of some enterprises (or parks), on that column's index (see <see cref="ListingsOf"/>).</summary>
    internal IQueryable<Nomination> NominationsOf(IReadOnlyCollection<string> ids, bool parks) =>
        parks ? db.Nominations.AsNoTracking().Where(n => ids.Contains(n.ParkId!)) : db.Nominations.AsNoTracking().Where(n => ids.Contains(n.EnterpriseId!));

    private async Task<List<MemberReadiness>> AssessAsync(List<PoolMembership> members, int round, CancellationToken ct)
    {
        var enterpriseIds = members.Where(m => m.EnterpriseId != null).Select(m => m.EnterpriseId!).ToList();
        var parkIds = members.Where(m => m.ParkId != null).Select(m => m.ParkId!).ToList();
        var memberIds = members.Select(m => m.Id).ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var listings = (await ListingsOf(enterpriseIds, parks: false).ToListAsync(ct))
            .Concat(parkIds.Count == 0 ? [] : await ListingsOf(parkIds, parks: true).ToListAsync(ct)).DistinctBy(l => l.Id).ToList();
        var nominations = (await NominationsOf(enterpriseIds, parks: false).ToListAsync(ct))
            .Concat(parkIds.Count == 0 ? [] : await NominationsOf(parkIds, parks: true).ToListAsync(ct)).DistinctBy(n => n.Id).ToList();
        var followUps = await db.GapFollowUps.AsNoTracking().Where(f => memberIds.Contains(f.PoolMembershipId)).ToListAsync(ct);

        // Looked up per member by key (a scan of every listing per member would grow with the square of the scope).
        static string Subject(string? enterpriseId, string? parkId) => enterpriseId is not null ? "e:" + enterpriseId : "p:" + parkId;
        var listingsBySubject = listings.ToLookup(l => Subject(l.EnterpriseId, l.ParkId));
        var nominationsBySubject = nominations.ToLookup(n => Subject(n.EnterpriseId, n.ParkId));
        var followUpsByMember = followUps.ToLookup(f => f.PoolMembershipId);
        var rules = catalog.For(round);
        var assessor = new ReadinessAssessor(clock);
        var windowsByType = new Dictionary<NominationType, IReadOnlyDictionary<Tier, DeclarationWindow>>();
        var rows = new List<MemberReadiness>(members.Count);
        foreach (var m in members)
        {
            if (!windowsByType.TryGetValue(m.TargetType, out var windows)) windowsByType[m.TargetType] = windows = await WindowsAsync(round, m.TargetType, ct);
            var subject = Subject(m.EnterpriseId, m.ParkId);
            var facts = new MemberFacts(m, m.EnterpriseId is null ? null : enterprises.GetValueOrDefault(m.EnterpriseId),
                [.. listingsBySubject[subject]], [.. nominationsBySubject[subject].OrderByDescending(n => n.CreatedAt)]);
            rows.Add(new MemberReadiness(m.Id, m.MemberName, m.DistrictCode, HuangshanUnits.NameOf(m.DistrictCode), m.TargetType,
                assessor.Assess(rules, facts, windows),
                [.. followUpsByMember[m.Id].Select(f => new FollowUpView(f.CriterionKey, f.Guidance, f.Assignee, f.DueOn, f.DoneOn, f.UpdatedAt, f.UpdatedBy))],
                m.EnterpriseId));
        }
        return rows;
    }
}
