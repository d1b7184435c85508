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
using GreenTierWorkflows.Domain.Registry;
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
public sealed partial class ReadinessService(GreenTierDbContext db, ReadinessRuleCatalog catalog, ReadinessWindowDefaults defaults, TimeProvider clock)
{
    public const int MaxGuidanceLength = 1000;
    public const int MaxAssigneeLength = 50;

    /// <summary>
    /// The whole ladder, filtered as <paramref name="query"/> asks and ordered by district and name, assessed and handed out a
    /// batch of members (1,000) at a time, so the plan, the notices and the workbook (until the day's standings are built,
    /// <see cref="SheetAsync"/>) go through a city of 100,000 members without holding them all. A standing filter selects by the stored standings and keeps the rows whose fresh assessment
    /// still has that standing.
    /// </summary>
    public async Task<DomainResult<ReadinessBatches>> BatchesAsync(Official official, ReadinessQuery? query, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var scope = await ScopeAsync(official, query, ct);
        if (scope.Error is { } refused) return refused;
        return new ReadinessBatches(scope.Value!.Round, MatchingBatchesAsync(scope.Value, query, ct));
    }

    private async IAsyncEnumerable<IReadOnlyList<MemberReadiness>> MatchingBatchesAsync(LadderScope scope, ReadinessQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var batches = scope.Standings is { } standings ? StandingBatchesAsync(standings, BatchSize, ct) : MemberBatchesAsync(scope.Members, BatchSize, ct);
        await foreach (var assessed in AssessedBatchesAsync(batches, scope.Round, ct))
        {
            var rows = Matching(assessed, query).ToList();
            if (rows.Count > 0) yield return rows;
        }
    }

    /// <summary>
    /// The 培育梯度 workbook's rows for <paramref name="query"/>, a batch at a time in the ladder's order. Once today's standings
    /// are built (by the night's job, a moved window's rebuild or any standing filter) the rows are read from them, made
    /// current first, and no member is assessed: a district of 12,500 members spent two thirds of its workbook reading every
    /// member's facts and assessing them. Before that the members are assessed as they are read, as the workbook does not wait
    /// for the city's rebuild.
    /// </summary>
    public async Task<DomainResult<ReadinessSheet>> SheetAsync(Official official, ReadinessQuery? query, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var scope = await ScopeAsync(official, query, ct);
        if (scope.Error is { } refused) return refused;
        var round = scope.Value!.Round;
        if ((scope.Value.Generation ?? await RefreshStandingsAsync(round, rebuild: false, ct)) is not { } generation)
            return new ReadinessSheet(round, SheetRowsOf(MatchingBatchesAsync(scope.Value, query, ct), ct));
        return new ReadinessSheet(round, ReadAhead(StoredSheetRowsAsync(scope.Value, generation, ct), ct));
    }

    private static async IAsyncEnumerable<IReadOnlyList<ReadinessSheetRow>> SheetRowsOf(IAsyncEnumerable<IReadOnlyList<MemberReadiness>> batches,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in batches.WithCancellation(ct)) yield return [.. batch.Select(ReadinessSheetRow.Of)];
    }

    /// <summary>
    /// The workbook's rows from the stored standings of <paramref name="generation"/>, a batch at a time with their follow-ups:
    /// with a standing filter the standings that filter selects (their tier's index, in the ladder's order); without one the
    /// ladder's members (its index) and each one's stored row by its id. A member enrolled after the refresh has no row yet and
    /// is assessed here.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<ReadinessSheetRow>> StoredSheetRowsAsync(LadderScope scope, string generation,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (scope.Standings is { } standings)
        {
            await foreach (var batch in MemberBatchesAsync(standings, BatchSize, ct))
            {
                var followUps = (await FollowUpsOfAsync(batch.ConvertAll(s => s.Id), ct)).ToLookup(f => f.PoolMembershipId);
                yield return [.. batch.Select(s => ReadinessSheetRow.Of(s, followUps[s.Id].Select(FollowUpView.Of)))];
            }
            yield break;
        }
        await foreach (var members in MemberBatchesAsync(scope.Members, BatchSize, ct))
        {
            var ids = members.ConvertAll(m => m.Id);
            // By the primary key alone: with the generation in the statement SQLite read the standings' generation range instead.
            var stored = (await db.MemberStandings.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct))
                .Where(s => s.Generation == generation).ToDictionary(s => s.Id);
            var followUps = (await FollowUpsOfAsync(ids, ct)).ToLookup(f => f.PoolMembershipId);
            var unstored = members.Where(m => !stored.ContainsKey(m.Id)).ToList();
            var assessed = unstored.Count == 0 ? [] : (await AssessAsync(unstored, scope.Round, ct)).ToDictionary(r => r.MemberId);
            yield return [.. members.Select(m => stored.TryGetValue(m.Id, out var s)
                ? ReadinessSheetRow.Of(s, followUps[m.Id].Select(FollowUpView.Of))
                : ReadinessSheetRow.Of(assessed[m.Id]))];
        }
    }

    /// <summary>
    /// <paramref name="source"/> with its next item read while the consumer works on the current one (the workbook's writer on
    /// its thread and the database read of the next batch overlap). The consumer must not use the context meanwhile.
    /// </summary>
    private static async IAsyncEnumerable<T> ReadAhead<T>(IAsyncEnumerable<T> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var items = source.GetAsyncEnumerator(ct);
        Task<bool>? next = null;
        try
        {
            next = items.MoveNextAsync().AsTask();
            while (await next)
            {
                var current = items.Current;
                next = items.MoveNextAsync().AsTask();
                yield return current;
            }
        }
        finally
        {
            // A consumer that stops early leaves a read under way: it ends before the source is disposed. Its failure, if any,
            // was either thrown to the consumer already or is of no use to one that has stopped.
            if (next is not null) await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await items.DisposeAsync();
        }
    }

    /// <summary>
    /// One page of the ladder with the number of rows the filter matched (the API's list shape; the page asks for the two
    /// apart, <see cref="RowsAsync"/> and <see cref="CountAsync"/>, so its rows show before the count answers).
    /// </summary>
    public async Task<DomainResult<ReadinessBoard>> PageAsync(Official official, ReadinessQuery? query, PageRequest paging, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var scope = await ScopeAsync(official, query, ct);
        if (scope.Error is { } refused) return refused;
        return Board(scope.Value!.Round, await AssessPageAsync(scope.Value, paging, ct), await CountMembersAsync(official, query, scope.Value, ct));
    }

    /// <summary>
    /// One page of the ladder, not counted (<see cref="ReadinessBoard.Total"/> null). The members are paged in the database
    /// (from the stored standings' index with a standing filter such as 省级有差距) and only the page is assessed, so a page
    /// costs the same for a district of 50 and a city of 100,000.
    /// </summary>
    public async Task<DomainResult<ReadinessBoard>> RowsAsync(Official official, ReadinessQuery? query, PageRequest paging, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var scope = await ScopeAsync(official, query, ct);
        if (scope.Error is { } refused) return refused;
        return Board(scope.Value!.Round, await AssessPageAsync(scope.Value, paging, ct), null);
    }

    /// <summary>How many rows of the ladder the filter matches, the same filter and scope as <see cref="RowsAsync"/>: counted in the database.</summary>
    public async Task<DomainResult<int>> CountAsync(Official official, ReadinessQuery? query, CancellationToken ct = default)
    {
        query ??= new ReadinessQuery();
        var scope = await ScopeAsync(official, query, ct);
        if (scope.Error is { } refused) return refused;
        return await CountMembersAsync(official, query, scope.Value!, ct);
    }

    /// <summary>
    /// The rows a query reads, in the ladder's order: the ladder's members, or with a standing filter the stored standings of
    /// that tier and standing (made current first, <see cref="RefreshStandingsAsync(CancellationToken)"/>), each narrowed by
    /// the same unit, type and keyword and scoped by the same jurisdiction rule.
    /// </summary>
    private sealed record LadderScope(int Round, string? District, IQueryable<PoolMembership> Members, IQueryable<MemberStanding>? Standings,
        string? Generation = null);

    /// <summary>The scope of <paramref name="query"/>, refused for a unit outside the code list.</summary>
    private async Task<DomainResult<LadderScope>> ScopeAsync(Official official, ReadinessQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var district = RegistryRules.DistrictFilter(errors, query.District);
        if (errors.Any) return errors.ToError();
        var round = await RoundYearAsync(ct);
        var members = Ordered(Narrow(Members(official), district, query));
        if (query is not { Tier: { } tier, Standing: { } standing }) return new LadderScope(round, district, members, null);
        var generation = (await RefreshStandingsAsync(round, rebuild: true, ct))!;
        var standings = Standings(generation, tier, standing).VisibleTo(official);
        return new LadderScope(round, district, members, Ordered(Narrow(standings, district, query)), generation);
    }

    /// <summary>Rows of the unit, type and keyword the query names.</summary>
    private static IQueryable<T> Narrow<T>(IQueryable<T> rows, string? district, ReadinessQuery query) where T : class, IPoolMemberRow
    {
        if (district is not null) rows = rows.Where(m => m.DistrictCode == district);
        if (query.Type is { } type) rows = rows.Where(m => m.TargetType == type);
        if (!string.IsNullOrWhiteSpace(query.Keyword)) rows = rows.Where(m => m.MemberName.Contains(query.Keyword.Trim()));
        return rows;
    }

    /// <summary>The ladder's order: unit, name, then the membership's id between equal names.</summary>
    private static IQueryable<T> Ordered<T>(IQueryable<T> rows) where T : class, IPoolMemberRow =>
        rows.OrderBy(m => m.DistrictCode).ThenBy(m => m.MemberName).ThenBy(m => m.Id);

    private async Task<IReadOnlyList<MemberReadiness>> AssessPageAsync(LadderScope scope, PageRequest paging, CancellationToken ct) =>
        await AssessAsync(scope.Standings is { } standings
            ? await MembersOfAsync(await standings.Skip(paging.Skip).Take(paging.PageSize).Select(s => s.Id).ToListAsync(ct), ct)
            : await scope.Members.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct), scope.Round, ct);

    /// <summary>The memberships of <paramref name="ids"/>, in that order (a page of the standings' index).</summary>
    private async Task<List<PoolMembership>> MembersOfAsync(List<string> ids, CancellationToken ct)
    {
        var byId = await db.PoolMemberships.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>
    /// The members of some stored standings (in the ladder's order) a batch at a time, each batch of standings read by the
    /// same seek as <see cref="MemberBatchesAsync{T}"/>.
    /// </summary>
    private async IAsyncEnumerable<List<PoolMembership>> StandingBatchesAsync(IQueryable<MemberStanding> standings, int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var keys = standings.Select(s => new MemberStanding { Id = s.Id, DistrictCode = s.DistrictCode, MemberName = s.MemberName, TargetType = s.TargetType });
        await foreach (var batch in MemberBatchesAsync(keys, batchSize, ct))
            yield return await MembersOfAsync(batch.ConvertAll(s => s.Id), ct);
    }

    /// <summary>
    /// How many members of the ladder a filter without a standing matches. Without a keyword: the dashboard's counts of active
    /// pool members of this year and next (<see cref="CountedTotals.PoolMembersAsync"/>) less this year's members that next
    /// year's enrolments supersede (<see cref="Members"/>'s rule, read from next year's side by
    /// <see cref="PoolLadderQueries.SupersededThisYear"/>). Counting the ladder's index checked every member's newer
    /// enrolment: 61 ms at 100,000 members. With a keyword the matching members are counted; with a standing, the stored standings' index range.
    /// </summary>
    private async Task<int> CountMembersAsync(Official official, ReadinessQuery query, LadderScope scope, CancellationToken ct)
    {
        if (scope.Standings is { } standings) return await standings.CountAsync(ct);
        if (!string.IsNullOrWhiteSpace(query.Keyword)) return await scope.Members.CountAsync(ct);
        var year = ChinaTime.CurrentYear(clock);
        var enrolled = await CountedTotals.PoolMembersAsync(db, official, year, scope.District, query.Type, active: true, ct)
            + await CountedTotals.PoolMembersAsync(db, official, year + 1, scope.District, query.Type, active: true, ct);
        return enrolled - await Superseded(official, year, scope.District, query.Type).CountAsync(ct);
    }

    /// <summary>This year's members in scope (of the unit and type given) that next year's enrolments supersede.</summary>
    internal IQueryable<PoolMembership> Superseded(Official official, int year, string? district, NominationType? type)
    {
        var superseded = PoolLadderQueries.SupersededThisYear(db, year).AsNoTracking().VisibleTo(official);
        if (district is not null) superseded = superseded.Where(m => m.DistrictCode == district);
        if (type is { } t) superseded = superseded.Where(m => m.TargetType == t);
        return superseded;
    }

    private static IEnumerable<MemberReadiness> Matching(IEnumerable<MemberReadiness> rows, ReadinessQuery query) =>
        query is { Tier: { } tier, Standing: { } standing } ? rows.Where(r => r.Cell(tier)?.Standing == standing) : rows;

    /// <summary>How many members the whole-scope reads (the export, the plan, the notices, the standings) assess at a time (tests make it small to read many batches).</summary>
    internal int BatchSize { get; set; } = 1000;

    /// <summary>
    /// The members of <paramref name="members"/> (in the ladder's order: district, name, id) a batch at a time, each batch read
    /// by seeking past the last member of the one before (<see cref="AfterInDistrict"/>, then <see cref="InLaterDistricts"/>)
    /// instead of skipping the members read so far: an OFFSET walks every skipped entry of the ladder's index and checks each
    /// one's newer enrolment again, 59 ms for the batch after 90,000 members against 0.8 ms seeking, so the city's whole
    /// ladder cost the square of its size.
    /// </summary>
    internal static async IAsyncEnumerable<List<T>> MemberBatchesAsync<T>(IQueryable<T> members, int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct) where T : class, IPoolMemberRow
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
    internal static IQueryable<T> AfterInDistrict<T>(IQueryable<T> members, T last) where T : class, IPoolMemberRow
    {
        var (district, name, id) = (last.DistrictCode, last.MemberName, last.Id);
        return members.Where(m => m.DistrictCode == district && m.MemberName.CompareTo(name) >= 0 && (m.MemberName.CompareTo(name) > 0 || m.Id.CompareTo(id) > 0));
    }

    /// <summary>The members of the districts after <paramref name="last"/>'s, in the ladder's order.</summary>
    internal static IQueryable<T> InLaterDistricts<T>(IQueryable<T> members, T last) where T : class, IPoolMemberRow
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
    internal IQueryable<PoolMembership> LadderMembers(Official official, ReadinessQuery query) =>
        Ordered(Narrow(Members(official), RegistryRules.DistrictFilter(new FieldErrors(), query.District), query));

    /// <summary>
    /// The listings of some enterprises (or parks), on that column's index: one query per column, as an OR of the two columns
    /// reads the whole table on SQLite (a page of the ladder cost 0.2 s of it at 100k nominations).
    /// </summary>
    internal IQueryable<Listing> ListingsOf(IReadOnlyCollection<string> ids, bool parks) =>
        parks ? db.Listings.AsNoTracking().Where(l => ids.Contains(l.ParkId!)) : db.Listings.AsNoTracking().Where(l => ids.Contains(l.EnterpriseId!));

    /// <summary>
    /// The nominations of some enterprises (or parks), on that column's index (see <see cref="ListingsOf"/>), with the fields
    /// the assessment reads (<see cref="MemberFacts"/>): half the columns, so a district's 12,500 nominations are read in
    /// 0.7× the time (most of the rest is their negative-list JSON).
    /// </summary>
    internal IQueryable<Nomination> NominationsOf(IReadOnlyCollection<string> ids, bool parks) =>
        (parks ? db.Nominations.AsNoTracking().Where(n => ids.Contains(n.ParkId!)) : db.Nominations.AsNoTracking().Where(n => ids.Contains(n.EnterpriseId!)))
        .Select(n => new Nomination
        {
            Id = n.Id, Type = n.Type, TargetTier = n.TargetTier, Year = n.Year, EnterpriseId = n.EnterpriseId, ParkId = n.ParkId,
            StandardVersion = n.StandardVersion, Score = n.Score, NegativeList = n.NegativeList, Status = n.Status, Stage = n.Stage,
            CreatedAt = n.CreatedAt, UpdatedAt = n.UpdatedAt,
        });

    /// <summary>Some enterprises with the fields the assessment reads (<see cref="MemberFacts"/>): name, industry, energy use, certificates.</summary>
    internal IQueryable<Enterprise> EnterprisesOf(IReadOnlyCollection<string> ids) =>
        db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new Enterprise
        {
            Id = e.Id, Name = e.Name, IndustryCode = e.IndustryCode, UnitProductEnergy = e.UnitProductEnergy, Certifications = e.Certifications,
        });

    /// <summary>The checklist lines kept for some members (the workbook's follow-ups, whether its rows are assessed or stored).</summary>
    private Task<List<GapFollowUp>> FollowUpsOfAsync(IReadOnlyCollection<string> memberIds, CancellationToken ct) =>
        db.GapFollowUps.AsNoTracking().Where(f => memberIds.Contains(f.PoolMembershipId)).ToListAsync(ct);

    private async Task<List<MemberReadiness>> AssessAsync(List<PoolMembership> members, int round, CancellationToken ct) =>
        Assess(await LoadFactsAsync(members, round, ct));

    /// <summary>
    /// Batches of members assessed, each batch's assessment (CPU only, on the thread pool) overlapping the reading of the next
    /// batch and its facts and the consumer's work on the batch before (writing standings, or rows of a workbook): the
    /// context is only ever used by one of them at a time, from this method and its caller. At 100,000 members, once the rows
    /// were upserted, reading took about half of the standings' rebuild and assessing a third, one after the other.
    /// </summary>
    private async IAsyncEnumerable<List<MemberReadiness>> AssessedBatchesAsync(IAsyncEnumerable<List<PoolMembership>> batches, int round,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Task<List<MemberReadiness>>? assessing = null;
        await foreach (var batch in batches.WithCancellation(ct))
        {
            var facts = await LoadFactsAsync(batch, round, ct);
            var previous = assessing;
            assessing = Task.Run(() => Assess(facts), ct);
            if (previous is not null) yield return await previous;
        }
        if (assessing is not null) yield return await assessing;
    }

    /// <summary>What a batch of members is assessed on, read from the database: each member's facts, the round's rules and windows, the follow-ups.</summary>
    private sealed record LoadedFacts(ReadinessRules Rules, IReadOnlyList<(MemberFacts Facts, IReadOnlyDictionary<Tier, DeclarationWindow> Windows)> Members,
        ILookup<string, GapFollowUp> FollowUps);

    private async Task<LoadedFacts> LoadFactsAsync(List<PoolMembership> members, int round, CancellationToken ct)
    {
        var enterpriseIds = members.Where(m => m.EnterpriseId != null).Select(m => m.EnterpriseId!).ToList();
        var parkIds = members.Where(m => m.ParkId != null).Select(m => m.ParkId!).ToList();
        var memberIds = members.Select(m => m.Id).ToList();
        var enterprises = await EnterprisesOf(enterpriseIds).ToDictionaryAsync(e => e.Id, ct);
        var listings = (await ListingsOf(enterpriseIds, parks: false).ToListAsync(ct))
            .Concat(parkIds.Count == 0 ? [] : await ListingsOf(parkIds, parks: true).ToListAsync(ct)).DistinctBy(l => l.Id).ToList();
        var nominations = (await NominationsOf(enterpriseIds, parks: false).ToListAsync(ct))
            .Concat(parkIds.Count == 0 ? [] : await NominationsOf(parkIds, parks: true).ToListAsync(ct)).DistinctBy(n => n.Id).ToList();
        var followUps = await FollowUpsOfAsync(memberIds, ct);

        // Looked up per member by key (a scan of every listing per member would grow with the square of the scope).
        static string Subject(string? enterpriseId, string? parkId) => enterpriseId is not null ? "e:" + enterpriseId : "p:" + parkId;
        var listingsBySubject = listings.ToLookup(l => Subject(l.EnterpriseId, l.ParkId));
        var nominationsBySubject = nominations.ToLookup(n => Subject(n.EnterpriseId, n.ParkId));
        var windowsByType = new Dictionary<NominationType, IReadOnlyDictionary<Tier, DeclarationWindow>>();
        var facts = new List<(MemberFacts, IReadOnlyDictionary<Tier, DeclarationWindow>)>(members.Count);
        foreach (var m in members)
        {
            if (!windowsByType.TryGetValue(m.TargetType, out var windows)) windowsByType[m.TargetType] = windows = await WindowsAsync(round, m.TargetType, ct);
            var subject = Subject(m.EnterpriseId, m.ParkId);
            facts.Add((new MemberFacts(m, m.EnterpriseId is null ? null : enterprises.GetValueOrDefault(m.EnterpriseId),
                [.. listingsBySubject[subject]], [.. nominationsBySubject[subject].OrderByDescending(n => n.CreatedAt)]), windows));
        }
        return new LoadedFacts(catalog.For(round), facts, followUps.ToLookup(f => f.PoolMembershipId));
    }

    /// <summary>Assesses loaded facts: no I/O, so a batch can be assessed while the next is read.</summary>
    private List<MemberReadiness> Assess(LoadedFacts loaded)
    {
        var assessor = new ReadinessAssessor(clock);
        return [.. loaded.Members.Select(x =>
        {
            var m = x.Facts.Member;
            return new MemberReadiness(m.Id, m.MemberName, m.DistrictCode, HuangshanUnits.NameOf(m.DistrictCode), m.TargetType,
                assessor.Assess(loaded.Rules, x.Facts, x.Windows),
                [.. loaded.FollowUps[m.Id].Select(FollowUpView.Of)],
                m.EnterpriseId);
        })];
    }
}
