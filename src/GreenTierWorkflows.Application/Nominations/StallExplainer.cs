using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Domain.Windows;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Runtime.Management;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// 为何停滞: explains where a nomination waits and what moves it on (<see cref="StallExplanation"/>), from its record, its open
/// review task, its history and — while a 公示 runs — its workflow's timer. The steps are read from the task records and the
/// stage catalogue, never from workflow ids, so a redesigned workflow is explained the same way. Scope: the nomination
/// must be visible to the official (<see cref="NominationService.FindAsync"/>), otherwise it is not found.
/// </summary>
public sealed class StallExplainer(GreenTierDbContext db, NominationService nominations, ReviewTaskService tasks, WorkflowRuntime runtime,
    IDeclarationWindowPolicy windows, WorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>History actions a 公示 writes (<see cref="Effects.PublicNoticeStartedHandler"/>, <see cref="Effects.PublicNoticeEndedHandler"/>).</summary>
    private const string NoticeStarted = "公示开始";
    private static readonly string[] NoticeEnded = ["公示结束", "公示异议"];

    /// <summary>The material categories every nomination needs (domain.md: the evaluation report; the national template adds two).</summary>
    public static IReadOnlyList<string> RequiredMaterials(Tier tier) =>
        tier == Tier.National ? ["评价报告", "基本信息表", "材料真实性承诺"] : ["评价报告"];

    /// <summary>Why the nomination waits, as the official may see it; a nomination outside the official's scope is not found.</summary>
    public async Task<DomainResult<StallExplanation>> ExplainAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        var found = await nominations.FindAsync(who, nominationId, ct);
        if (!found.Ok) return found.Error!;
        var nomination = found.Value!;
        if (nomination.Status is NominationStatus.Listed or NominationStatus.Rejected or NominationStatus.Withdrawn) return Finished(nomination);
        if (nomination.Status == NominationStatus.Draft) return await DraftAsync(who, nomination, ct);

        var task = await db.ReviewTasks.AsNoTracking().Where(t => t.NominationId == nomination.Id && t.Status == ReviewTaskStatus.Open)
            .OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(ct);
        if (task is not null) return await AtTaskAsync(who, nomination, task, ct);
        return await BetweenTasksAsync(who, nomination, ct);
    }

    private static StallExplanation Finished(Nomination n) => new(n.Id, true, $"已办结：{DomainText.Of(n.Status)}（{n.Stage}）", n.Stage,
        null, null, null, null, null, null, null, null, 0, null, [], "已办结，无需办理。", null, null);

    private async Task<StallExplanation> DraftAsync(Official who, Nomination n, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var missing = MissingMaterials(n);
        var window = await windows.CheckSubmissionAsync(n.Year, n.Type, n.TargetTier, now, ct);
        if (!window.Allowed && window.Message is { } closed) missing.Add(closed);
        var canAct = who.IsInRole(Roles.District) && who.CanSee(n);
        return new(n.Id, false, missing.Count == 0 ? "草稿，材料齐全，等待区县提交" : "草稿，尚未提交", StageNames.Draft, Roles.District,
            Roles.DisplayName(Roles.District), await BureauAsync(n.DistrictCode, ct), null, null, n.CreatedAt,
            window.Window?.SubmissionEndsAt, Days(now - n.CreatedAt), 0, null, missing,
            "区县主管部门补齐材料，在申报窗口期内提交（区县推荐）后进入市级评审。", null, canAct ? $"/nominations/{n.Id}" : null);
    }

    private async Task<StallExplanation> AtTaskAsync(Official who, Nomination n, ReviewTask task, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var overdue = task.DueAt is { } due && due < now ? (int)Math.Ceiling((now - due).TotalDays) : 0;
        var missing = new List<string>();
        string action;
        switch (task.FormKey)
        {
            case FormKeys.Revision:
                missing.AddRange(MissingMaterials(n));
                if (await ReturnReasonAsync(n.Id, ct) is { } reason)
                    missing.Insert(0, $"按退回意见修改：{reason.Comment}（{reason.ActorName}，{ChinaTime.Minute(reason.At)}）");
                action = "区县主管部门按退回意见修改申报信息和材料，在「退回修改」待办中重新提交。";
                break;
            case FormKeys.Verification:
                action = "现场核查组赴企业现场核查，在待办中逐项填写核查结论并上传核查记录（PDF）。";
                break;
            case FormKeys.Recommendation:
                var (quota, used) = await tasks.RecommendationQuotaAsync(task.Year, ct);
                missing.Add(used >= quota
                    ? $"市级推荐决定：{task.Year} 年度推荐名额 {quota} 个已用完，只能作出「不通过」，或由管理员调整名额"
                    : $"市级推荐决定：{task.Year} 年度推荐名额 {quota} 个，已推荐 {used} 个，尚余 {quota - used} 个");
                action = "市级评审人员在推荐名额内作出市级推荐决定（通过即推荐至省级）。";
                break;
            case FormKeys.Result:
                missing.Add(task.Stage == StageNames.NationalReview ? "等待工业和信息化部的评审结果" : "等待安徽省工信厅的评审结果");
                action = "省级联络员收到评审结果后，在待办中录入（" + string.Join(" / ", task.Outcomes) + "）。";
                break;
            default:
                action = $"{Roles.DisplayName(task.AssigneeRole)}在「我的待办」中审查后作出决定（{string.Join(" / ", task.Outcomes)}）。";
                break;
        }
        if (task.ClaimedById is null && task.AssigneeRole != Roles.District) missing.Add("任务尚未认领");
        var canAct = who.IsInRole(task.AssigneeRole) && who.CanSeeDistrict(task.DistrictCode) && (task.ClaimedById is null || task.ClaimedById == who.UserId);
        var headline = task.FormKey == FormKeys.Revision ? "已退回修改，等待区县重新提交" : $"等待{task.Stage}";
        if (overdue > 0) headline += $"（已逾期 {overdue} 天）";
        return new(n.Id, false, headline, task.Stage, task.AssigneeRole, Roles.DisplayName(task.AssigneeRole),
            await HolderUnitAsync(task, ct), task.ClaimedByName, task.ClaimedAt, task.CreatedAt, task.DueAt, Days(now - task.CreatedAt),
            overdue, null, missing, action, task.Id, canAct ? $"/tasks/{task.Id}" : null);
    }

    /// <summary>No task is open: a 公示 runs (its end is the workflow's timer), or the workflow is moving on between steps.</summary>
    private async Task<StallExplanation> BetweenTasksAsync(Official who, Nomination n, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var notice = await db.NominationEvents.AsNoTracking()
            .Where(e => e.NominationId == n.Id && (e.Action == NoticeStarted || NoticeEnded.Contains(e.Action)))
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        if (notice is not { Action: NoticeStarted })
            return new(n.Id, false, "流程正在推进", n.Stage, null, null, null, null, null, n.UpdatedAt, null, Days(now - n.UpdatedAt), 0, null, [],
                "系统正在处理上一环节的结果，稍后刷新即可看到下一环节。", null, null);

        var ends = await NoticeEndAsync(n, ct);
        var level = notice.Comment?.Split(' ', 2)[0] is { } first && first.EndsWith("公示", StringComparison.Ordinal) ? first : "公示";
        int? remaining = ends is { } end ? WorkingDaysBetween(ChinaTime.DayOf(now), ChinaTime.DayOf(end)) : null;
        var canObject = who.IsInRole(Roles.CityReviewer) || who.IsInRole(Roles.Province) || who.IsInRole(Roles.Admin);
        return new(n.Id, false, $"{level}期间" + (remaining is { } r ? $"（尚余 {r} 个工作日）" : ""), level, null, null, null, null, null,
            notice.At, ends, Days(now - notice.At), 0, remaining,
            [$"{level}期满（{(ends is { } e ? ChinaTime.Minute(e) : "期满时")}）无异议后自动进入下一环节"],
            "无需办理：公示期满无异议自动继续；公示期间收到异议的，由市级评审人员或省级联络员登记异议，转入异议核查。",
            null, canObject ? $"/nominations/{n.Id}" : null);
    }

    /// <summary>The earliest timer the nomination's workflow waits for (the 公示's end).</summary>
    private async Task<DateTimeOffset?> NoticeEndAsync(Nomination n, CancellationToken ct)
    {
        if (n.WorkflowInstanceId is null) return null;
        var instance = await runtime.Store.FindInstanceAsync(n.WorkflowInstanceId, ct);
        return instance?.State.Bookmarks.Where(b => b.DueAt is not null).Select(b => b.DueAt).Min();
    }

    /// <summary>Working days after <paramref name="today"/> up to and including <paramref name="last"/>.</summary>
    private int WorkingDaysBetween(DateOnly today, DateOnly last)
    {
        var count = 0;
        for (var day = today.AddDays(1); day <= last; day = day.AddDays(1))
            if (calendar.IsWorkingDay(day)) count++;
        return count;
    }

    private async Task<NominationEvent?> ReturnReasonAsync(string nominationId, CancellationToken ct) =>
        await db.NominationEvents.AsNoTracking().Where(e => e.NominationId == nominationId && e.Action == ReviewOutcomes.Return)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);

    private static List<string> MissingMaterials(Nomination n)
    {
        var have = n.CurrentMaterials.Select(m => m.Category).ToHashSet(StringComparer.Ordinal);
        return RequiredMaterials(n.TargetTier).Where(c => !have.Contains(c)).Select(c => $"缺少「{c}」材料（PDF）").ToList();
    }

    /// <summary>The unit holding a task: the district's bureau, the city's bureau, or — for results — the province or the ministry.</summary>
    private async Task<string> HolderUnitAsync(ReviewTask task, CancellationToken ct) => task.AssigneeRole switch
    {
        Roles.District => await BureauAsync(task.DistrictCode, ct),
        Roles.Province => task.Stage == StageNames.NationalReview ? "工业和信息化部（结果由省级联络员录入）" : "安徽省工信厅（结果由省级联络员录入）",
        _ => await BureauAsync(HuangshanUnits.CityCode, ct),
    };

    /// <summary>A unit's bureau by its current name in the units table (names change, so they are data).</summary>
    private async Task<string> BureauAsync(string code, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => u.BureauName).FirstOrDefaultAsync(ct)
        ?? HuangshanUnits.Seed.FirstOrDefault(u => u.Code == code)?.BureauName ?? HuangshanUnits.NameOf(code);

    private static double Days(TimeSpan span) => Math.Round(Math.Max(0, span.TotalDays), 3);
}
