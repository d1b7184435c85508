using GreenTierWorkflows.Application.Documents;
using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Text;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Recommendations;

/// <summary>
/// 市级推荐排序: the city ranks the year's nominations waiting at 市级推荐 on one screen, saves the ranking
/// (<see cref="Nomination.RecommendationRank"/>, which the 推荐汇总表 follows) and decides them all at once — the ranks
/// within the remaining quota 通过 (推荐), the rest 不通过 (未推荐) — each through <see cref="ReviewTaskService.DecideAsync"/>,
/// the use case of the single task page, so every rule, effect, history line, notice and audit line is the same.
/// City-wide officials see the ranking; only the city reviewers (the role the 市级推荐 step is assigned to) change it.
/// </summary>
public sealed class RecommendationService(GreenTierDbContext db, ReviewTaskService tasks, TimeProvider clock, IAuditLog audit)
{
    /// <summary>The history line of a nomination whose rank a saved ranking changed (「调整推荐排序：第 3 → 第 1」).</summary>
    public const string RankChangedAction = "调整推荐排序";

    /// <summary>The year's quota, already recommended, left and waiting (default year: this year in China).</summary>
    public async Task<DomainResult<RecommendationQuota>> QuotaAsync(Official who, int? year, CancellationToken ct = default)
    {
        if (CheckRead(who, year) is { } refused) return refused;
        var y = year ?? ChinaTime.CurrentYear(clock);
        var (quota, used) = await tasks.RecommendationQuotaAsync(y, ct);
        var waiting = await Waiting(who, y).CountAsync(ct);
        return new RecommendationQuota(y, quota, used, Math.Max(0, quota - used), waiting);
    }

    /// <summary>One page of the ranking (<see cref="RankedAsync"/>), for the API's list convention.</summary>
    public async Task<DomainResult<PageOf<RecommendationItem>>> ListAsync(Official who, int? year, NominationType? type, int? page, int? pageSize,
        CancellationToken ct = default)
    {
        var paging = PageRequest.Read(page, pageSize);
        if (!paging.Ok) return paging.Error!;
        var ranked = await RankedAsync(who, year, type, ct);
        return ranked.Ok ? paging.Value.Slice(ranked.Value!) : ranked.Error!;
    }

    /// <summary>
    /// Every nomination waiting at 市级推荐 in the year in ranking order: the saved rank first, unranked ones after it by
    /// score (highest first) and arrival; positions and the quota line count all types, <paramref name="type"/> only filters.
    /// </summary>
    public async Task<DomainResult<IReadOnlyList<RecommendationItem>>> RankedAsync(Official who, int? year, NominationType? type, CancellationToken ct = default)
    {
        if (CheckRead(who, year) is { } refused) return refused;
        var y = year ?? ChinaTime.CurrentYear(clock);
        var items = await LoadAsync(who, y, ct);
        return DomainResult<IReadOnlyList<RecommendationItem>>.Success(type is { } t ? items.Where(i => i.TypeName == DomainText.Of(t)).ToList() : items);
    }

    /// <summary>
    /// Saves a ranking: exactly the nominations waiting at 市级推荐 in the year, each once, first place first. A refused
    /// ranking changes nothing; a saved one is a line of the security audit, and each nomination whose rank it changed gets a
    /// history line 「调整推荐排序：第 3 → 第 1」 in the same transaction.
    /// </summary>
    public async Task<DomainResult<IReadOnlyList<RecommendationItem>>> SaveRankingAsync(Official who, int year, RankingRequest request, CancellationToken ct = default)
    {
        if (CheckWrite(who, year) is { } refused) return refused;
        var ids = request.NominationIds ?? [];
        if (ids.Count == 0) return DomainError.Invalid("nominationIds", "请按名次提交全部待推荐申报的编号。");
        var repeated = ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0) return DomainError.Invalid("nominationIds", $"排序中有重复的申报：{string.Join("、", repeated)}。");
        var waiting = await Waiting(who, year).Select(t => new { t.NominationId, t.ApplicantName }).ToListAsync(ct);
        var waitingIds = waiting.Select(w => w.NominationId).ToHashSet(StringComparer.Ordinal);
        var foreign = ids.Where(i => !waitingIds.Contains(i)).ToList();
        if (foreign.Count > 0)
            return DomainError.Invalid("nominationIds", $"以下申报不在 {year} 年度市级推荐环节，不能排序：{string.Join("、", foreign)}。");
        var missing = waiting.Where(w => !ids.Contains(w.NominationId)).Select(w => w.ApplicantName).ToList();
        if (missing.Count > 0)
            return DomainError.Invalid("nominationIds", $"排序须包含全部 {waiting.Count} 个等待市级推荐的申报，缺少：{string.Join("、", missing)}。");

        var nominations = await db.Nominations.Where(n => ids.Contains(n.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var n in nominations)
        {
            var rank = IndexOf(ids, n.Id) + 1;
            if (n.RecommendationRank == rank) continue;
            // Like every other human action, the change is a line of the nomination's history, saved with the rank.
            db.NominationEvents.Add(new NominationEvent
            {
                NominationId = n.Id, At = now, ActorId = who.UserId, ActorName = who.DisplayName, Action = RankChangedAction, Stage = n.Stage,
                Comment = $"{(n.RecommendationRank is { } was ? $"第 {was}" : "未排序")} → 第 {rank}",
                WorkflowDefinitionId = n.WorkflowDefinitionId, WorkflowVersion = n.WorkflowVersion,
            });
            (n.RecommendationRank, n.UpdatedAt) = (rank, now);
            n.Revision++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainError.Conflict("申报刚被他人修改，排序未保存，请刷新后重试。");
        }
        var names = nominations.OrderBy(n => n.RecommendationRank).Select(n => $"{n.RecommendationRank}. {n.ApplicantName}");
        await audit.RecordAsync(new AuditRecord(AuditActions.NominationEdited, $"市级推荐排序 {year}", $"保存 {year} 年度市级推荐排序：{string.Join("；", names)}")
            { ActorId = who.UserId, ActorName = who.UserName }, CancellationToken.None);
        return DomainResult<IReadOnlyList<RecommendationItem>>.Success(await LoadAsync(who, year, ct));
    }

    /// <summary>
    /// 按排名提交推荐: by the saved ranking, the first <see cref="BatchDecisionRequest.Recommend"/> (default: the remaining
    /// quota) 通过, the rest 不通过, all with the common comment. The runtime commits each step on its own, so everything the
    /// single decision would refuse is checked for the whole batch first (role, year, every nomination ranked, the quota,
    /// the comment, claims by others, the confirmed ranking) and only then the steps are decided, one by one in rank order;
    /// the result reports each.
    /// </summary>
    public async Task<DomainResult<BatchDecisionResult>> DecideAsync(Official who, int year, BatchDecisionRequest request, CancellationToken ct = default)
    {
        if (CheckWrite(who, year) is { } refused) return refused;
        var items = await LoadAsync(who, year, ct);
        if (items.Count == 0) return DomainError.Conflict($"{year} 年度没有等待市级推荐的申报。");
        var unranked = items.Where(i => i.Rank is null).Select(i => i.Applicant).ToList();
        if (unranked.Count > 0) return DomainError.Conflict($"尚有 {unranked.Count} 个申报未排序（{string.Join("、", unranked)}），请先保存排序。");
        if (request.Ranking is { } confirmed && !confirmed.SequenceEqual(items.Select(i => i.NominationId), StringComparer.Ordinal))
            return DomainError.Conflict("排序已被修改（可能是他人刚保存了新的排序），请刷新后重新确认。");

        var (quota, used) = await tasks.RecommendationQuotaAsync(year, ct);
        var remaining = Math.Max(0, quota - used);
        var recommend = request.Recommend ?? Math.Min(remaining, items.Count);
        if (recommend < 0 || recommend > items.Count)
            return DomainError.Invalid("recommend", $"推荐个数应在 0 到 {items.Count} 之间。");
        if (recommend > remaining)
            return DomainError.Invalid("recommend", $"超出年度推荐名额（{quota} 个）：{year} 年度已推荐 {used} 个，本次最多还能推荐 {remaining} 个。");

        var comment = TextInput.Check(request.Comment, "意见", multiLine: true);
        if (!comment.Ok) return DomainError.Invalid("comment", comment.Error!);
        if (recommend < items.Count && string.IsNullOrWhiteSpace(comment.Value))
            return DomainError.Invalid("comment", "有未推荐的申报，请填写意见（如未推荐的理由）。");
        var claimed = items.Where(i => i.ClaimedByName is not null).Select(i => i.TaskId).ToList();
        var taken = await db.ReviewTasks.AsNoTracking().Where(t => claimed.Contains(t.Id) && t.ClaimedById != who.UserId)
            .Select(t => new { t.ApplicantName, t.ClaimedByName }).ToListAsync(ct);
        if (taken.Count > 0)
            return DomainError.Conflict($"以下申报的市级推荐任务已由他人认领，请其取消认领后再提交：{string.Join("、", taken.Select(t => $"{t.ApplicantName}（{t.ClaimedByName}）"))}。");

        var results = new List<BatchDecisionItem>(items.Count);
        foreach (var item in items)
        {
            var outcome = item.Position <= recommend ? ReviewOutcomes.Approve : ReviewOutcomes.Reject;
            var decided = await tasks.DecideAsync(who, item.TaskId, outcome, comment.Value, [], ct);
            results.Add(new BatchDecisionItem(item.NominationId, item.Applicant, item.Position, outcome, decided.Ok, decided.Error?.Message));
        }
        return new BatchDecisionResult(year, results.Count(r => r.Decided && r.Outcome == ReviewOutcomes.Approve),
            results.Count(r => r.Decided && r.Outcome == ReviewOutcomes.Reject), results);
    }

    /// <summary>Whether the official may change the ranking and submit it (the city reviewers, city-wide).</summary>
    public static bool CanRank(Official who) => who.IsCityWide && who.IsInRole(Roles.CityReviewer);

    private DomainError? CheckRead(Official who, int? year)
    {
        if (!who.IsCityWide) return DomainError.Forbidden("市级推荐排序由市级部门办理，区县不能查看或修改。");
        if (year is { } y && (y < ListYears.First || y > ListYears.Last(clock))) return DomainError.Invalid("year", "年度无效。");
        return null;
    }

    private DomainError? CheckWrite(Official who, int year) =>
        CheckRead(who, year) ?? (CanRank(who) ? null : DomainError.Forbidden("只有市级评审可以保存市级推荐排序或提交推荐。"));

    /// <summary>The open 市级推荐 steps of the year the official's roles may decide.</summary>
    private IQueryable<ReviewTask> Waiting(Official who, int year) =>
        (CanRank(who) ? tasks.Visible(who) : db.ReviewTasks.VisibleTo(who)).AsNoTracking()
            .Where(t => t.Year == year && t.FormKey == FormKeys.Recommendation && t.Status == ReviewTaskStatus.Open);

    private async Task<IReadOnlyList<RecommendationItem>> LoadAsync(Official who, int year, CancellationToken ct)
    {
        var waiting = await Waiting(who, year).ToListAsync(ct);
        var ids = waiting.Select(t => t.NominationId).ToList();
        var nominations = await (from n in db.Nominations.AsNoTracking()
                                 where ids.Contains(n.Id)
                                 join e in db.Enterprises on n.EnterpriseId equals e.Id into found
                                 from e in found.DefaultIfEmpty()
                                 select new { Nomination = n, Industry = e == null ? null : e.IndustryCode }).ToDictionaryAsync(x => x.Nomination.Id, ct);
        var decided = await db.ReviewTasks.AsNoTracking()
            .Where(t => ids.Contains(t.NominationId) && t.Status == ReviewTaskStatus.Completed
                && ((t.FormKey == FormKeys.Review && t.Stage == StageNames.CityReview) || t.FormKey == FormKeys.Verification))
            .Select(t => new { t.NominationId, t.FormKey, t.Outcome, t.Comment, t.CompletedAt }).ToListAsync(ct);
        string Latest(string id, string formKey) =>
            decided.Where(d => d.NominationId == id && d.FormKey == formKey).OrderByDescending(d => d.CompletedAt).FirstOrDefault() is { } d
                ? string.IsNullOrWhiteSpace(d.Comment) ? d.Outcome ?? "—" : $"{d.Outcome}：{d.Comment}"
                : "—";
        var (quota, used) = await tasks.RecommendationQuotaAsync(year, ct);
        var remaining = Math.Max(0, quota - used);
        return waiting.Where(t => nominations.ContainsKey(t.NominationId))
            .Select(t => (Task: t, n: nominations[t.NominationId]))
            .OrderBy(x => x.n.Nomination.RecommendationRank ?? int.MaxValue)
            .ThenByDescending(x => x.n.Nomination.Score ?? decimal.MinValue)
            .ThenBy(x => x.n.Nomination.SubmittedAt).ThenBy(x => x.n.Nomination.Id, StringComparer.Ordinal)
            .Select((x, i) => new RecommendationItem(x.Task.Id, x.n.Nomination.Id, i + 1, x.n.Nomination.RecommendationRank, i < remaining,
                x.n.Nomination.DistrictCode, HuangshanUnits.NameOf(x.n.Nomination.DistrictCode), x.n.Nomination.ApplicantName,
                DomainText.Of(x.n.Nomination.Type), x.n.Industry is { } code ? IndustryNames.Describe(code) : x.n.Nomination.ParkId is not null ? "工业园区" : "—",
                DocumentService.Evaluator(x.n.Nomination), x.n.Nomination.Score, Latest(x.n.Nomination.Id, FormKeys.Review), Latest(x.n.Nomination.Id, FormKeys.Verification),
                x.Task.ClaimedByName))
            .ToList();
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
            if (string.Equals(ids[i], id, StringComparison.Ordinal)) return i;
        return -1;
    }
}
