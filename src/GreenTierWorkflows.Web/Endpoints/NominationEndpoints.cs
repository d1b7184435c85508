using Microsoft.AspNetCore.Http.HttpResults;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.AspNetCore.Mvc;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Paging;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>申报管理: create from the cultivation pool, upload materials, submit inside the window, read and trace.</summary>
public static class NominationEndpoints
{
    public static IEndpointRouteBuilder MapNominationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/nominations").RequireAuthorization().WithTags("申报管理");
        group.MapGet("", ListAsync).WithName("ListNominations").WithSummary("本辖区（或全市）的申报列表：按年度、类型、状态、环节、区县、关键词（企业名称或统一社会信用代码）筛选，分页排序在数据库中完成").ProducesValidationProblem();
        group.MapPost("", CreateAsync).WithName("CreateNomination").WithSummary("从培育库创建申报草稿");
        group.MapGet("/{id}", GetAsync).WithName("GetNomination");
        group.MapPut("/{id}", UpdateAsync).WithName("UpdateNomination").WithSummary("修改草稿或退回修改中的申报信息（区县），规则同创建");
        group.MapGet("/{id}/stall", StallAsync).WithName("GetNominationStall").WithSummary("为何停滞：在哪一环节等待、由谁办理、自何时、期限、逾期多久、还缺什么、如何推进");
        group.MapGet("/{id}/history", HistoryAsync).WithName("GetNominationHistory").WithSummary("办理历史：谁、何时、做了什么、哪个流程版本");
        group.MapPost("/{id}/materials", UploadAsync).WithName("UploadMaterial").DisableAntiforgery().WithSummary("上传 PDF 材料（表单字段 category、file）");
        group.MapPost("/{id}/materials/{materialId}/replacement", ReplaceAsync).WithName("ReplaceMaterial").DisableAntiforgery().WithSummary("替换材料：上传同类别的新版本（表单字段 file），原材料保留为「已被替换」的历史版本（草稿或退回修改时，区县）");
        group.MapGet("/{id}/materials/{materialId}", DownloadAsync).WithName("DownloadMaterial");
        group.MapGet("/{id}/materials/{materialId}/preview", PreviewAsync).WithName("PreviewMaterial").WithSummary("在页面内预览 PDF 材料（inline，权限同下载）");
        group.MapPost("/{id}/objections", ObjectAsync).WithName("RecordObjection").WithSummary("登记公示期间收到的异议，流程转入异议核查");
        group.MapDelete("/{id}", DeleteDraftAsync).WithName("DeleteNominationDraft").WithSummary("删除从未提交的申报草稿（区县）");
        group.MapPost("/{id}/submit", SubmitAsync).WithName("SubmitNomination").WithSummary("在申报窗口内提交，启动申报流程");
        return app;
    }

    private static async Task<IResult> ListAsync(SignedInOfficial who, NominationService service, [AsParameters] NominationListQuery query,
        int? page, int? pageSize, CancellationToken ct)
    {
        var found = await service.PageAsync(who, query, page, pageSize, ct);
        return found.Error is { } refused ? refused.ToProblem()
            : TypedResults.Ok(new PageOf<NominationView>(found.Value!.Items.Select(NominationView.From).ToList(), found.Value.Total, found.Value.Page, found.Value.PageSize));
    }

    private static async Task<IResult> CreateAsync(SignedInOfficial who, NominationService service, NominationDraft draft, CancellationToken ct)
    {
        var result = await service.CreateAsync(who, draft, ct);
        return result.Ok ? TypedResults.Created($"/api/nominations/{result.Value!.Id}", NominationView.From(result.Value)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> GetAsync(SignedInOfficial who, NominationService service, string id, CancellationToken ct) =>
        Rendered(await service.FindAsync(who, id, ct));

    private static async Task<IResult> UpdateAsync(SignedInOfficial who, NominationService service, string id, NominationDraft draft, CancellationToken ct) =>
        Rendered(await service.UpdateAsync(who, id, draft, ct));

    private static async Task<IResult> HistoryAsync(SignedInOfficial who, NominationService service, string id, CancellationToken ct) =>
        (await service.HistoryAsync(who, id, ct)).ToOk();

    private static async Task<IResult> StallAsync(SignedInOfficial who, StallExplainer explainer, string id, CancellationToken ct) =>
        (await explainer.ExplainAsync(who, id, ct)).ToOk();

    private static async Task<IResult> UploadAsync(SignedInOfficial who, NominationService service, string id, [FromForm] string category, IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        var result = await service.AddMaterialAsync(who, id, category, file.FileName, file.ContentType, stream, file.Length, ct);
        return result.Ok ? TypedResults.Created($"/api/nominations/{id}/materials/{result.Value!.Id}", MaterialView.From(result.Value)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> ReplaceAsync(SignedInOfficial who, NominationService service, string id, string materialId, IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        var result = await service.ReplaceMaterialAsync(who, id, materialId, file.FileName, stream, file.Length, ct);
        return result.Ok ? TypedResults.Created($"/api/nominations/{id}/materials/{result.Value!.Id}", MaterialView.From(result.Value)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> DownloadAsync(SignedInOfficial who, NominationService service, string id, string materialId, CancellationToken ct)
    {
        var result = await service.ReadMaterialAsync(who, id, materialId, ct);
        return result.Ok ? TypedResults.File(result.Value!.Content, "application/pdf", result.Value.FileName) : result.Error!.ToProblem();
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, SignedInOfficial who, NominationService service, string id, string materialId, CancellationToken ct)
    {
        var result = await service.ReadMaterialAsync(who, id, materialId, ct);
        return result.Ok ? InlinePdf.Of(http, result.Value!.Content, result.Value.FileName) : result.Error!.ToProblem();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteDraftAsync(SignedInOfficial who, NominationService service,
        string id, CancellationToken ct) =>
        (await service.DeleteDraftAsync(who, id, ct)).ToNoContent();

    private static async Task<IResult> ObjectAsync(SignedInOfficial who, NominationService service, string id, ObjectionRequest request, CancellationToken ct) =>
        Rendered(await service.ObjectAsync(who, id, request.Content, ct));

    private static async Task<IResult> SubmitAsync(SignedInOfficial who, NominationService service, string id, CancellationToken ct) =>
        Rendered(await service.SubmitAsync(who, id, ct));

    private static IResult Rendered(DomainResult<Nomination> result) =>
        result.Ok ? TypedResults.Ok(NominationView.From(result.Value!)) : result.Error!.ToProblem();
}
