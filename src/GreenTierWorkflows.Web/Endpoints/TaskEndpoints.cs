using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Tasks;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Tasks;
using GreenTierWorkflows.Application.Paging;
using GreenTierWorkflows.Application.Validation;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>我的待办: the officials' task inbox, claim/unclaim and decisions.</summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").RequireAuthorization().WithTags("待办任务");
        group.MapGet("", ListAsync).WithName("ListMyTasks").WithSummary("我的待办：按角色和辖区筛选，可按关键词（企业名称或统一社会信用代码）搜索，最早到期的在前，含目标层级").ProducesValidationProblem();
        group.MapGet("/{id}", GetAsync).WithName("GetTask");
        group.MapPost("/{id}/claim", ClaimAsync).WithName("ClaimTask");
        group.MapPost("/{id}/unclaim", UnclaimAsync).WithName("UnclaimTask");
        group.MapPost("/{id}/attachments", AttachAsync).DisableAntiforgery().WithName("AttachToTask").WithSummary("为待办上传 PDF 附件（如现场核查记录），归入申报材料");
        group.MapPost("/{id}/complete", CompleteAsync).WithName("CompleteTask").WithSummary("办理：选择结果并填写意见；重复或并发办理返回 409");
        group.MapPost("/{id}/decision", DecideAsync).DisableAntiforgery().WithName("DecideTaskWithAttachments")
            .WithSummary("办理并附上 PDF（multipart：outcome、comment、files）；办理被拒绝时附件一并不保存");
        return app;
    }

    private static async Task<IResult> ListAsync(SignedInOfficial who, ReviewTaskService service, bool? includeCompleted,
        NominationType? type, int? year, DateTimeOffset? dueBefore, string? district, string? stage, string? keyword, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        var errors = new FieldErrors();
        ListKeyword.Read(keyword, errors.Add);
        if (errors.Any) return errors.ToError().ToProblem();
        var query = new TaskQuery(includeCompleted ?? false, type, year, dueBefore, district, stage, paging.Page - 1, paging.PageSize, keyword);
        var (items, total) = await service.PageAsync(who, query, ct);
        return TypedResults.Ok(paging.Of(items, total));
    }

    private static async Task<IResult> GetAsync(SignedInOfficial who, ReviewTaskService service, string id, CancellationToken ct)
    {
        var result = await service.FindAsync(who, id, ct);
        return result.Ok ? TypedResults.Ok(service.ViewOf(result.Value!)) : result.Error!.ToProblem();
    }

    private static Task<IResult> ClaimAsync(SignedInOfficial who, ReviewTaskService service, string id, CancellationToken ct) =>
        SetClaimAsync(who, service, id, true, ct);

    private static Task<IResult> UnclaimAsync(SignedInOfficial who, ReviewTaskService service, string id, CancellationToken ct) =>
        SetClaimAsync(who, service, id, false, ct);

    private static async Task<IResult> SetClaimAsync(SignedInOfficial who, ReviewTaskService service, string id, bool claim, CancellationToken ct)
    {
        var result = await service.ClaimAsync(who, id, claim, ct);
        return result.Ok ? TypedResults.Ok(service.ViewOf(result.Value!)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> AttachAsync(SignedInOfficial who, ReviewTaskService service, string id, IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        var result = await service.AttachAsync(who, id, file.FileName, stream, file.Length, ct);
        return result.Ok ? TypedResults.Created($"/api/tasks/{id}", MaterialView.From(result.Value!)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> DecideAsync(HttpRequest request, SignedInOfficial who, ReviewTaskService service, string id, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return DomainError.Invalid("form", "请以 multipart/form-data 提交：outcome、comment 和附件 files。").ToProblem();
        var form = await request.ReadFormAsync(ct);
        var attachments = form.Files.Select(f => new DecisionAttachment(f.FileName, f.Length, f.OpenReadStream)).ToList();
        if (!ChecklistField.TryRead(form["checklist"].FirstOrDefault(), out var checklist)) return ChecklistField.Refusal.ToProblem();
        var result = await service.DecideAsync(who, id, form["outcome"].FirstOrDefault(), form["comment"].FirstOrDefault(),
            attachments, ct, checklist);
        return result.Ok ? TypedResults.Ok(service.ViewOf(result.Value!)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> CompleteAsync(SignedInOfficial who, ReviewTaskService service, string id, DecisionRequest decision, CancellationToken ct)
    {
        var result = await service.CompleteAsync(who, id, decision.Outcome, decision.Comment, ct, decision.Checklist);
        return result.Ok ? TypedResults.Ok(service.ViewOf(result.Value!)) : result.Error!.ToProblem();
    }
}
