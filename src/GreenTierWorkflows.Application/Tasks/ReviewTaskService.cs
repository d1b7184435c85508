using GreenTierWorkflows.Application.Dashboard;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Audit;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Stages;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Text;
using GreenTierWorkflows.Infrastructure.Audit;
using GreenTierWorkflows.Runtime.Management;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Paging;

namespace GreenTierWorkflows.Application.Tasks;

/// <summary>
/// The officials' task inbox: tasks of the caller's roles within the caller's jurisdiction, claim/unclaim, and decisions,
/// which resume the waiting workflow step (once: a second or concurrent decision is a conflict).
/// </summary>
public sealed class ReviewTaskService(GreenTierDbContext db, WorkflowRuntime runtime, NominationService nominations,
    NominationOptions options, TimeProvider clock, IAuditLog audit)
{
    /// <summary>The tasks of the official's roles in the official's jurisdiction (<see cref="JurisdictionScope"/>).</summary>
    public IQueryable<ReviewTask> Visible(Official who) => Visible(who, db.ReviewTasks);

    /// <summary>The tasks of <paramref name="tasks"/> (all, or a keyword's matches) that <see cref="Visible(Official)"/> allows.</summary>
    private static IQueryable<ReviewTask> Visible(Official who, IQueryable<ReviewTask> tasks)
    {
        var roles = who.Roles.ToList();
        // One role (the usual case) is an equality, so the inbox index also gives the order; several are an IN list.
        if (roles.Count == 1)
        {
            var role = roles[0];
            return tasks.Where(t => t.AssigneeRole == role).VisibleTo(who);
        }
        return tasks.Where(t => roles.Contains(t.AssigneeRole)).VisibleTo(who);
    }

    /// <summary>One page of the official's inbox (<see cref="ListAsync"/>) as the API shows it, overdue as of now.</summary>
    public async Task<(IReadOnlyList<TaskView> Items, int Total)> PageAsync(Official who, TaskQuery query, CancellationToken ct = default)
    {
        var (items, total) = await ListAsync(who, query, ct);
        var now = clock.GetUtcNow();
        return (items.Select(i => TaskView.From(i.Task, now, i.TargetTier)).ToList(), total);
    }

    /// <summary>How many open tasks the official's inbox holds, and how many of them are overdue now (the home page's counts).</summary>
    public async Task<(int Open, int Overdue)> InboxCountsAsync(Official who, CancellationToken ct = default)
    {
        var (_, open) = await ListAsync(who, new TaskQuery(PageSize: 1), ct);
        var (_, overdue) = await ListAsync(who, new TaskQuery(DueBefore: clock.GetUtcNow(), PageSize: 1), ct);
        return (open, overdue);
    }

    /// <summary>A task as the API shows it, overdue as of now.</summary>
    public TaskView ViewOf(ReviewTask task) => TaskView.From(task, clock.GetUtcNow());

    /// <summary>
    /// One page of the official's inbox, soonest due first (undated last), each task with its nomination's target tier,
    /// and how many tasks match; the keyword (<see cref="ListKeyword"/>) matches the applicant's name or its enterprise's
    /// credit code. Filters, order, page and count run in the database on the inbox index.
    /// </summary>
    public async Task<(IReadOnlyList<InboxItem> Items, int Total)> ListAsync(Official who, TaskQuery query, CancellationToken ct = default)
    {
        var q = Filtered(who, query);
        // Without a keyword, a due date, a type or completed tasks, the count is the dashboard's count of open tasks by role.
        var total = query is { IncludeCompleted: false, Type: null, DueBefore: null } && ListKeyword.Read(query.Keyword, (_, _) => { }) is null
            ? await CountedTotals.OpenTasksAsync(db, who, who.Roles.ToList(), query.Year, query.District, query.Stage, ct)
            : await q.CountAsync(ct);
        var page = InboxPage(q, query);
        var items = await (from t in page
                           join n in db.Nominations on t.NominationId equals n.Id into found
                           from n in found.DefaultIfEmpty()
                           select new InboxItem(t, n == null ? (Tier?)null : n.TargetTier)).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The inbox's page query (filters, order, page) without the target tiers — the statement the inbox index serves.</summary>
    public IQueryable<ReviewTask> InboxQuery(Official who, TaskQuery query) => InboxPage(Filtered(who, query), query);

    private IQueryable<ReviewTask> Filtered(Official who, TaskQuery query)
    {
        // The keyword's one rule and its index (KeywordIndex): three characters or more start from the index's matches.
        var keyword = ListKeyword.Read(query.Keyword, (_, _) => { });
        var q = Visible(who, keyword is null ? db.ReviewTasks : KeywordIndex.Tasks(db, keyword.Text, keyword.Code)).AsNoTracking();
        if (!query.IncludeCompleted) q = q.Where(t => t.Status == ReviewTaskStatus.Open);
        if (query.Type is { } type) q = q.Where(t => t.NominationType == type);
        if (query.Year is { } year) q = q.Where(t => t.Year == year);
        if (query.District is { } district) q = q.Where(t => t.DistrictCode == district);
        if (query.Stage is { } stage) q = q.Where(t => t.Stage == stage);
        // DueAt is stored as sortable UTC text, so the range filter and the ordering run in SQL on the inbox index.
        if (query.DueBefore is { } before) q = q.Where(t => t.DueAt != null && t.DueAt <= before);
        return q;
    }

    /// <summary>
    /// The inbox order — soonest due first, undated last, oldest first — and one page of it. The order is that of the inbox
    /// index <c>IX_ReviewTasks_Inbox</c> (Status, AssigneeRole, DueAt IS NULL, DueAt, CreatedAt, DistrictCode), so a page is
    /// read in index order instead of sorting every open task of the role.
    /// </summary>
    private static IQueryable<ReviewTask> InboxPage(IQueryable<ReviewTask> tasks, TaskQuery query)
    {
        var size = Math.Clamp(query.PageSize, 1, 100);
        return tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).Skip(Math.Max(0, query.Page) * size).Take(size);
    }

    public async Task<DomainResult<ReviewTask>> FindAsync(Official who, string id, CancellationToken ct = default) =>
        await Visible(who).FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? DomainResult<ReviewTask>.Success(t) : DomainError.NotFound("任务");

    public async Task<DomainResult<ReviewTask>> ClaimAsync(Official who, string id, bool claim, CancellationToken ct = default)
    {
        var found = await FindAsync(who, id, ct);
        if (!found.Ok) return found;
        var task = found.Value!;
        if (task.Status != ReviewTaskStatus.Open) return DomainError.Conflict("任务已办结。");
        if (claim)
        {
            if (task.ClaimedById is not null && task.ClaimedById != who.UserId) return DomainError.Conflict($"任务已由「{task.ClaimedByName}」认领。");
            (task.ClaimedById, task.ClaimedByName, task.ClaimedAt) = (who.UserId, who.DisplayName, clock.GetUtcNow());
        }
        else
        {
            if (task.ClaimedById != who.UserId && !who.IsInRole(Roles.Admin)) return DomainError.Conflict("只能取消自己认领的任务。");
            (task.ClaimedById, task.ClaimedByName, task.ClaimedAt) = (null, null, null);
        }
        task.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DomainError.Conflict("任务刚被他人修改，请刷新后重试。");
        }
        return found;
    }

    /// <summary>Attaches a PDF to an open task (e.g. the on-site check record); it joins the nomination's materials.</summary>
    public async Task<DomainResult<Material>> AttachAsync(Official who, string id, string fileName, Stream content, long length, CancellationToken ct = default)
    {
        var found = await FindAsync(who, id, ct);
        if (!found.Ok) return found.Error!;
        var task = found.Value!;
        if (task.Status != ReviewTaskStatus.Open) return DomainError.Conflict("任务已办结，不能再添加附件。");
        if (RevisionAttachmentRefusal(task, 1) is { } revision) return revision;
        return await nominations.StoreMaterialAsync(task.NominationId, AttachmentCategory(task), fileName, content, length, who.UserName, ct);
    }

    /// <summary>
    /// A task the official may see with its nomination and 办理历史, and for a recommendation the year's quota, as the
    /// task page shows them.
    /// </summary>
    public async Task<DomainResult<TaskOverview>> OverviewAsync(Official who, string id, CancellationToken ct = default)
    {
        var task = await FindAsync(who, id, ct);
        if (!task.Ok) return task.Error!;
        var nomination = await nominations.FindAsync(who, task.Value!.NominationId, ct);
        if (!nomination.Ok) return nomination.Error!;
        (int Total, int Used)? quota = task.Value.FormKey == FormKeys.Recommendation ? await RecommendationQuotaAsync(task.Value.Year, ct) : null;
        return new TaskOverview(task.Value, nomination.Value!, await nominations.HistoryAsync(nomination.Value!.Id, ct), quota,
            await nominations.ApplicantProfileAsync(nomination.Value!, ct));
    }

    /// <summary>The city's provincial recommendation quota for a year and how many it has recommended so far.</summary>
    public async Task<(int Total, int Used)> RecommendationQuotaAsync(int year, CancellationToken ct = default)
    {
        var used = await db.ReviewTasks.CountAsync(t => t.FormKey == FormKeys.Recommendation && t.Year == year
            && t.Status == ReviewTaskStatus.Completed && t.Outcome == ReviewOutcomes.Approve, ct);
        return (options.QuotaFor(year), used);
    }

    /// <summary>Records a decision: validates it, then resumes the workflow step; the projection is updated before returning.</summary>
    public Task<DomainResult<ReviewTask>> CompleteAsync(Official who, string id, string? outcome, string? comment, CancellationToken ct = default,
        IReadOnlyList<ChecklistAnswerInput>? checklist = null) =>
        DecideAsync(who, id, outcome, comment, [], ct, checklist);

    /// <summary>
    /// Records a decision together with its attachments (e.g. the on-site check record), all or nothing, across a crash:
    /// the decision is validated first, then the files are stored as 审核附件 *pending* (in no list, not downloadable), then
    /// the workflow step is resumed with their ids. The step's completion effect names them, and the effect applier
    /// confirms exactly those in the transaction that records the decision. If any file is refused or the step is not
    /// resumed (someone decided in between), the files stored by this call are removed again, so a refused decision
    /// leaves the nomination's materials as they were and a retry does not duplicate them. If the process dies before the
    /// step commits, the pending files are never confirmed, and <see cref="MaterialSweeper"/> removes them.
    /// </summary>
    /// <remarks>Every attempt, recorded or refused, is a line of the security audit (办理待办) naming the task, the outcome,
    /// the nomination and the stage; this is the one use case behind the API and the task page.</remarks>
    /// <remarks>A step with an on-site checklist takes its answers (<see cref="ChecklistRules"/>); they are checked with the
    /// decision, before any file is stored, and kept on the task with it.</remarks>
    public async Task<DomainResult<ReviewTask>> DecideAsync(Official who, string id, string? outcome, string? comment,
        IReadOnlyList<DecisionAttachment> attachments, CancellationToken ct = default, IReadOnlyList<ChecklistAnswerInput>? checklist = null)
    {
        var result = await RecordDecisionAsync(who, id, outcome, comment, attachments, checklist, ct);
        await audit.RecordAsync(await DecisionAuditAsync(who, id, outcome, attachments.Count, result), CancellationToken.None);
        return result;
    }

    private async Task<AuditRecord> DecisionAuditAsync(Official who, string id, string? outcome, int attachments, DomainResult<ReviewTask> result)
    {
        // A refused decision may have no task the caller can see: then the attempt is recorded with what was sent.
        var task = result.Value ?? await Visible(who).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, CancellationToken.None);
        var parts = new List<string> { $"结果：{outcome ?? "（未选择）"}" };
        if (task is not null) parts.Add($"申报 {task.NominationId}（{task.Title}），环节：{task.Stage}");
        if (attachments > 0) parts.Add($"附件 {attachments} 个");
        if (result.Error is { } error) parts.Add($"未办理：{error.Message}");
        return new AuditRecord(AuditActions.TaskDecided, id, string.Join("；", parts), result.Ok) { ActorId = who.UserId, ActorName = who.UserName };
    }

    private async Task<DomainResult<ReviewTask>> RecordDecisionAsync(Official who, string id, string? outcome, string? comment,
        IReadOnlyList<DecisionAttachment> attachments, IReadOnlyList<ChecklistAnswerInput>? checklist, CancellationToken ct)
    {
        var found = await FindAsync(who, id, ct);
        if (!found.Ok) return found;
        var task = found.Value!;
        var text = TextInput.Check(comment, "意见", multiLine: true);
        if (!text.Ok) return DomainError.Invalid("comment", text.Error!);
        if (await CheckDecisionAsync(who, task, outcome, text.Value, ct) is { } refused) return refused;
        var answers = ChecklistRules.Check(task.Checklist, checklist, outcome!);
        if (!answers.Ok) return answers.Error!;
        if (RevisionAttachmentRefusal(task, attachments.Count) is { } revision) return revision;

        var stored = new List<Material>(attachments.Count);
        var resuming = false;
        ResumeResult result;
        try
        {
            foreach (var attachment in attachments)
            {
                await using var content = attachment.Open();
                var material = await nominations.StoreMaterialAsync(task.NominationId, AttachmentCategory(task), attachment.FileName, content,
                    attachment.Length, who.UserName, ct, pendingTaskId: task.Id);
                if (!material.Ok) return WithFile(material.Error!, attachment.FileName);
                stored.Add(material.Value!);
            }

            resuming = true;
            result = await runtime.ResumeAsync(task.Id, new JsonObject
            {
                ["outcome"] = outcome, ["comment"] = text.Value, ["actorId"] = who.UserId, ["actorName"] = who.DisplayName,
                ["attachments"] = new JsonArray(stored.Select(m => (JsonNode)m.Id).ToArray()),
                ["checklist"] = JsonSerializer.SerializeToNode(answers.Value, JsonOptions),
            }, ct: ct);
        }
        finally
        {
            // A refused file or an exception before the step was tried: whatever this call stored goes again. An exception
            // from the step itself (before or while committing) leaves them pending: the step may have committed (then the
            // applier confirms them) or not (then the sweeper removes them). A failure after the commit is no exception: the
            // runtime reports it on the result as a pending projection.
            if (!resuming) await nominations.RemoveStoredMaterialsAsync(stored, CancellationToken.None);
        }
        if (result.Outcome != ResumeOutcome.Resumed)
        {
            await nominations.RemoveStoredMaterialsAsync(stored, CancellationToken.None);
            return result.Outcome == ResumeOutcome.NotFound ? DomainError.NotFound("任务") : DomainError.Conflict("任务已被办理，不能重复办理。");
        }
        // The step is committed: the decision stands and its files stay pending until the applier confirms them. If the
        // projection failed after the commit, it is retried from the effect outbox; the task shows the decision once it has.
        await db.Entry(task).ReloadAsync(CancellationToken.None);
        return DomainResult<ReviewTask>.Success(task);
    }

    private async Task<DomainError?> CheckDecisionAsync(Official who, ReviewTask task, string? outcome, string? comment, CancellationToken ct)
    {
        if (task.Status != ReviewTaskStatus.Open) return DomainError.Conflict($"任务已于 {task.CompletedAt:yyyy-MM-dd HH:mm} 由「{task.CompletedByName}」办结，不能重复办理。");
        if (task.ClaimedById is not null && task.ClaimedById != who.UserId) return DomainError.Conflict($"任务已由「{task.ClaimedByName}」认领，请其办理或先取消认领。");
        if (string.IsNullOrWhiteSpace(outcome) || !task.Outcomes.Contains(outcome))
            return DomainError.Invalid("outcome", $"请选择办理结果：{string.Join(" / ", task.Outcomes)}。");
        if (outcome is not (ReviewOutcomes.Approve or ReviewOutcomes.Resubmit) && string.IsNullOrWhiteSpace(comment))
            return DomainError.Invalid("comment", $"选择「{outcome}」时必须填写意见（如退回理由）。");
        if (task.FormKey == FormKeys.Recommendation && outcome == ReviewOutcomes.Approve)
        {
            var (quota, recommended) = await RecommendationQuotaAsync(task.Year, ct);
            if (recommended >= quota)
                return DomainError.Conflict($"{task.Year} 年度市级向省级推荐名额为 {quota} 个，已推荐 {recommended} 个，名额已满。");
        }
        return null;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The decided steps of a nomination that recorded checklist answers (the 核查表 the nomination page and the history
    /// show), oldest first; none when the official may not see the nomination.
    /// </summary>
    public async Task<IReadOnlyList<ReviewTask>> ChecklistsAsync(Official who, string nominationId, CancellationToken ct = default)
    {
        if (!(await nominations.FindAsync(who, nominationId, ct)).Ok) return [];
        var decided = await db.ReviewTasks.AsNoTracking()
            .Where(t => t.NominationId == nominationId && t.Status == ReviewTaskStatus.Completed).ToListAsync(ct);
        return decided.Where(t => t.ChecklistAnswers.Count > 0).OrderBy(t => t.CompletedAt).ToList();
    }

    /// <summary>The material category of files attached at a review stage.</summary>
    /// <summary>
    /// The return task takes no attachments: what the district corrects are the nomination's own materials, added or replaced
    /// under their category (<see cref="NominationService.ReplaceMaterialAsync"/>), not files beside the decision.
    /// </summary>
    private static DomainError? RevisionAttachmentRefusal(ReviewTask task, int attachments) =>
        task.Stage == StageNames.Revision && attachments > 0
            ? DomainError.Invalid("file", "退回修改时请在「申报材料」中补充或替换材料（选择材料类别），不作为办理附件上传。")
            : null;

    private static string AttachmentCategory(ReviewTask task) => $"审核附件：{task.Stage}";

    /// <summary>A file's refusal, naming the file (several may come with one decision).</summary>
    private static DomainError WithFile(DomainError error, string fileName)
    {
        var name = $"附件「{Path.GetFileName(fileName)}」：";
        return error with
        {
            Message = name + error.Message,
            Fields = error.Fields?.ToDictionary(f => f.Key, f => f.Value.Select(m => name + m).ToArray()),
        };
    }
}
