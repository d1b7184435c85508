using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>申报管理: create from the cultivation pool, upload materials, submit inside the window, read and trace.</summary>
public static class NominationEndpoints
{
    public static IEndpointRouteBuilder MapNominationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/nominations").RequireAuthorization().WithTags("申报管理");
        group.MapGet("", ListAsync).WithName("ListNominations").WithSummary("本辖区（或全市）的申报列表").ProducesValidationProblem();
        group.MapPost("", CreateAsync).WithName("CreateNomination").WithSummary("从培育库创建申报草稿");
        group.MapGet("/{id}", GetAsync).WithName("GetNomination");
        group.MapGet("/{id}/history", HistoryAsync).WithName("GetNominationHistory").WithSummary("办理历史：谁、何时、做了什么、哪个流程版本");
        group.MapPost("/{id}/materials", UploadAsync).WithName("UploadMaterial").DisableAntiforgery().WithSummary("上传 PDF 材料（表单字段 category、file）");
        group.MapGet("/{id}/materials/{materialId}", DownloadAsync).WithName("DownloadMaterial");
        group.MapPost("/{id}/objections", ObjectAsync).WithName("RecordObjection").WithSummary("登记公示期间收到的异议，流程转入异议核查");
        group.MapPost("/{id}/submit", SubmitAsync).WithName("SubmitNomination").WithSummary("在申报窗口内提交，启动申报流程");
        return app;
    }

    private static async Task<IResult> ListAsync(SignedInOfficial who, NominationService service, int? year, NominationType? type, NominationStatus? status,
        string? district, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        var q = service.Search(who, year, type, status, district).AsNoTracking();
        var total = await q.CountAsync(ct);
        var items = await q.Include(n => n.Materials).OrderByDescending(n => n.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return TypedResults.Ok(paging.Of(items.ConvertAll(NominationView.From), total));
    }

    private static async Task<IResult> CreateAsync(SignedInOfficial who, NominationService service, NominationDraft draft, CancellationToken ct)
    {
        var result = await service.CreateAsync(who, draft, ct);
        return result.Ok ? TypedResults.Created($"/api/nominations/{result.Value!.Id}", NominationView.From(result.Value)) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> GetAsync(SignedInOfficial who, NominationService service, string id, CancellationToken ct)
    {
        var result = await service.FindAsync(who, id, ct);
        return result.Ok ? TypedResults.Ok(NominationView.From(result.Value!)) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> HistoryAsync(SignedInOfficial who, NominationService service, string id, CancellationToken ct)
    {
        var result = await service.FindAsync(who, id, ct);
        if (!result.Ok) return ProblemResults.From(result.Error!);
        var events = await service.HistoryAsync(id, ct);
        return TypedResults.Ok(events.Select(e => new HistoryView(e.At, e.ActorName, e.Action, e.Stage, e.Comment, e.WorkflowDefinitionId, e.WorkflowVersion, e.TaskId)).ToList());
    }

    private static async Task<IResult> UploadAsync(SignedInOfficial who, NominationService service, string id, [FromForm] string category, IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        var result = await service.AddMaterialAsync(who, id, category, file.FileName, file.ContentType, stream, file.Length, ct);
        return result.Ok ? TypedResults.Created($"/api/nominations/{id}/materials/{result.Value!.Id}", MaterialView.From(result.Value)) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> DownloadAsync(SignedInOfficial who, NominationService service, string id, string materialId, CancellationToken ct)
    {
        var result = await service.FindAsync(who, id, ct);
        if (!result.Ok) return ProblemResults.From(result.Error!);
        var material = result.Value!.Materials.FirstOrDefault(m => m.Id == materialId);
        var content = material is null ? null : await service.ReadContentAsync(material, ct);
        if (material is null || content is null) return ProblemResults.From(DomainError.NotFound("材料"));
        return TypedResults.File(content, "application/pdf", material.FileName);
    }

    private static async Task<IResult> ObjectAsync(SignedInOfficial who, NominationService service, string id, ObjectionRequest request, CancellationToken ct)
    {
        var result = await service.ObjectAsync(who, id, request.Content, ct);
        return result.Ok ? TypedResults.Ok(NominationView.From(result.Value!)) : ProblemResults.From(result.Error!);
    }

    private static async Task<IResult> SubmitAsync(SignedInOfficial who, NominationService service, string id, CancellationToken ct)
    {
        var result = await service.SubmitAsync(who, id, ct);
        return result.Ok ? TypedResults.Ok(NominationView.From(result.Value!)) : ProblemResults.From(result.Error!);
    }
}
