using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>我的待办: the officials' task inbox, claim/unclaim and decisions.</summary>
public static class TaskEndpoints
{
    public sealed record TaskView(string Id, string NominationId, string Title, string Stage, string AssigneeRole, string AssigneeRoleName,
        string DistrictCode, string DistrictName, IReadOnlyList<string> Outcomes, string FormKey, NominationType NominationType, string TypeName,
        int Year, string ApplicantName, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Overdue, ReviewTaskStatus Status,
        string? ClaimedByName, string? Outcome, string? Comment, string? CompletedByName, DateTimeOffset? CompletedAt,
        string WorkflowDefinitionId, int WorkflowVersion, string WorkflowInstanceId)
    {
        public static TaskView From(ReviewTask t, DateTimeOffset now) => new(t.Id, t.NominationId, t.Title, t.Stage, t.AssigneeRole,
            Roles.DisplayName(t.AssigneeRole), t.DistrictCode, HuangshanUnits.NameOf(t.DistrictCode), t.Outcomes, t.FormKey, t.NominationType,
            DomainText.Of(t.NominationType), t.Year, t.ApplicantName, t.CreatedAt, t.DueAt, t.IsOverdue(now), t.Status, t.ClaimedByName,
            t.Outcome, t.Comment, t.CompletedByName, t.CompletedAt, t.WorkflowDefinitionId, t.WorkflowVersion, t.WorkflowInstanceId);
    }

    /// <summary>A decision: one of the task's outcomes, and a comment (required for anything but approval).</summary>
    public sealed record DecisionRequest(string? Outcome, string? Comment);

    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").RequireAuthorization().WithTags("待办");
        group.MapGet("", ListAsync).WithName("ListMyTasks").WithSummary("我的待办：按角色和辖区筛选，最早到期的在前");
        group.MapGet("/{id}", GetAsync).WithName("GetTask");
        group.MapPost("/{id}/claim", (HttpContext http, ReviewTaskService s, TimeProvider clock, string id, CancellationToken ct) => ClaimAsync(http, s, clock, id, true, ct))
            .WithName("ClaimTask");
        group.MapPost("/{id}/unclaim", (HttpContext http, ReviewTaskService s, TimeProvider clock, string id, CancellationToken ct) => ClaimAsync(http, s, clock, id, false, ct))
            .WithName("UnclaimTask");
        group.MapPost("/{id}/attachments", AttachAsync).DisableAntiforgery().WithName("AttachToTask").WithSummary("为待办上传 PDF 附件（如现场核查记录），归入申报材料");
        group.MapPost("/{id}/complete", CompleteAsync).WithName("CompleteTask").WithSummary("办理：选择结果并填写意见；重复或并发办理返回 409");
        group.MapPost("/{id}/decision", DecideAsync).DisableAntiforgery().WithName("DecideTaskWithAttachments")
            .WithSummary("办理并附上 PDF（multipart：outcome、comment、files）；办理被拒绝时附件一并不保存");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ReviewTaskService service, TimeProvider clock, bool includeCompleted = false,
        NominationType? type = null, int? year = null, DateTimeOffset? dueBefore = null, string? district = null, string? stage = null,
        int page = 0, int pageSize = 20, CancellationToken ct = default)
    {
        var who = await CurrentOfficial.GetAsync(http);
        var (items, total) = await service.ListAsync(who, new TaskQuery(includeCompleted, type, year, dueBefore, district, stage, page, pageSize), ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new NominationEndpoints.PageView<TaskView>(items.Select(t => TaskView.From(t, now)).ToList(), total, page, pageSize));
    }

    private static async Task<IResult> GetAsync(HttpContext http, ReviewTaskService service, TimeProvider clock, string id, CancellationToken ct)
    {
        var result = await service.FindAsync(await CurrentOfficial.GetAsync(http), id, ct);
        return result.Ok ? TypedResults.Ok(TaskView.From(result.Value!, clock.GetUtcNow())) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> ClaimAsync(HttpContext http, ReviewTaskService service, TimeProvider clock, string id, bool claim, CancellationToken ct)
    {
        var result = await service.ClaimAsync(await CurrentOfficial.GetAsync(http), id, claim, ct);
        return result.Ok ? TypedResults.Ok(TaskView.From(result.Value!, clock.GetUtcNow())) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> AttachAsync(HttpContext http, ReviewTaskService service, string id, IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        var result = await service.AttachAsync(await CurrentOfficial.GetAsync(http), id, file.FileName, stream, file.Length, ct);
        return result.Ok ? TypedResults.Created($"/api/tasks/{id}", NominationEndpoints.MaterialView.From(result.Value!)) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> DecideAsync(HttpContext http, ReviewTaskService service, TimeProvider clock, string id, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            return ProblemResults.From(DomainError.Invalid("form", "请以 multipart/form-data 提交：outcome、comment 和附件 files。"));
        var form = await http.Request.ReadFormAsync(ct);
        var attachments = form.Files.Select(f => new DecisionAttachment(f.FileName, f.Length, f.OpenReadStream)).ToList();
        var result = await service.DecideAsync(await CurrentOfficial.GetAsync(http), id, form["outcome"].FirstOrDefault(), form["comment"].FirstOrDefault(),
            attachments, ct);
        return result.Ok ? TypedResults.Ok(TaskView.From(result.Value!, clock.GetUtcNow())) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, ReviewTaskService service, TimeProvider clock, string id, DecisionRequest decision, CancellationToken ct)
    {
        var result = await service.CompleteAsync(await CurrentOfficial.GetAsync(http), id, decision.Outcome, decision.Comment, ct);
        return result.Ok ? TypedResults.Ok(TaskView.From(result.Value!, clock.GetUtcNow())) : ProblemResults.From(result.Error!);
    }
}
