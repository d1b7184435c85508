using GreenTierWorkflows.Application.Documents;
using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// 文书: generate the papers officials sign, stamp or publish (申报书, 现场核查记录, 推荐文件及汇总表, 推荐汇总表, 公示), list the
/// archived versions, download them, and upload the stamped scan back. Each handler calls one <see cref="DocumentService"/> use case.
/// </summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var nomination = app.MapGroup("/api/nominations/{id}/documents").RequireAuthorization().WithTags("文书");
        nomination.MapGet("", ForNominationAsync).WithName("ListNominationDocuments").WithSummary("申报的已生成文书（各版本）");
        nomination.MapPost("/application-form", ApplicationFormAsync).WithName("GenerateApplicationForm").WithSummary("生成申报书（PDF）");
        nomination.MapPost("/verification-record", VerificationRecordAsync).WithName("GenerateVerificationRecord").WithSummary("生成现场核查记录（PDF）");

        var group = app.MapGroup("/api/documents").RequireAuthorization().WithTags("文书");
        group.MapGet("", ListsAsync).WithName("ListDocuments").WithSummary("本辖区（或全市）的推荐文件、推荐汇总表和公示（各版本，可按年度筛选，分页）");
        group.MapPost("/district-recommendation", DistrictRecommendationAsync).WithName("GenerateDistrictRecommendation")
            .WithSummary("生成区县推荐文件及汇总表（format=pdf）或汇总表（format=xlsx）");
        group.MapPost("/city-recommendation", CityRecommendationAsync).WithName("GenerateCityRecommendation")
            .WithSummary("生成全市推荐汇总表及报送函（format=pdf）或汇总表（format=xlsx）");
        group.MapPost("/public-notice", PublicNoticeAsync).WithName("GeneratePublicNotice").WithSummary("生成公示（format=html 网页片段，或 pdf）");
        group.MapGet("/{documentId}/content", ContentAsync).WithName("DownloadDocument").WithSummary("下载已生成的文书");
        group.MapGet("/{documentId}/preview", PreviewAsync).WithName("PreviewDocument").WithSummary("在页面内预览已生成的 PDF 文书（inline，权限同下载）");
        group.MapPost("/{documentId}/scan", AttachScanAsync).WithName("UploadDocumentScan").DisableAntiforgery().WithSummary("上传盖章扫描件（表单字段 file，PDF）");
        group.MapGet("/{documentId}/scan", ScanAsync).WithName("DownloadDocumentScan").WithSummary("下载盖章扫描件");
        return app;
    }

    private static async Task<IResult> ForNominationAsync(SignedInOfficial who, DocumentService documents, string id, CancellationToken ct) =>
        (await documents.ForNominationAsync(who, id, ct)).ToOk();

    private static async Task<IResult> ApplicationFormAsync(SignedInOfficial who, DocumentService documents, string id, CancellationToken ct) =>
        (await documents.ApplicationFormAsync(who, id, ct)).ToOk();

    private static async Task<IResult> VerificationRecordAsync(SignedInOfficial who, DocumentService documents, string id, CancellationToken ct) =>
        (await documents.VerificationRecordAsync(who, id, ct)).ToOk();

    private static async Task<IResult> ListsAsync(SignedInOfficial who, DocumentService documents, int? year, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        return TypedResults.Ok(paging.Slice(await documents.ListsAsync(who, year, ct)));
    }

    private static async Task<IResult> DistrictRecommendationAsync(SignedInOfficial who, DocumentService documents, string district, int year, NominationType type,
        string? format, CancellationToken ct) =>
        (await documents.DistrictRecommendationAsync(who, district, year, type, format ?? "pdf", ct)).ToOk();

    private static async Task<IResult> CityRecommendationAsync(SignedInOfficial who, DocumentService documents, int year, string? format, CancellationToken ct) =>
        (await documents.CityRecommendationAsync(who, year, format ?? "pdf", ct)).ToOk();

    private static async Task<IResult> PublicNoticeAsync(SignedInOfficial who, DocumentService documents, int year, DateOnly? start, string? format, CancellationToken ct) =>
        (await documents.PublicNoticeAsync(who, year, start, format ?? "pdf", ct)).ToOk();

    private static async Task<IResult> ContentAsync(SignedInOfficial who, DocumentService documents, string documentId, CancellationToken ct)
    {
        var result = await documents.ReadAsync(who, documentId, ct);
        return result.Ok ? TypedResults.File(result.Value!.Content, result.Value.ContentType, result.Value.FileName) : result.Error!.ToProblem();
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, SignedInOfficial who, DocumentService documents, string documentId, CancellationToken ct)
    {
        var result = await documents.ReadAsync(who, documentId, ct);
        if (!result.Ok) return result.Error!.ToProblem();
        if (result.Value!.ContentType != InlinePdf.ContentType)
            return Domain.Refusals.DomainError.Conflict("该文书不是 PDF，不能在页面内预览，请下载后查看。").ToProblem();
        return InlinePdf.Of(http, result.Value.Content, result.Value.FileName);
    }

    private static async Task<IResult> ScanAsync(SignedInOfficial who, DocumentService documents, string documentId, CancellationToken ct)
    {
        var result = await documents.ReadScanAsync(who, documentId, ct);
        return result.Ok ? TypedResults.File(result.Value!.Content, result.Value.ContentType, result.Value.FileName) : result.Error!.ToProblem();
    }

    private static async Task<IResult> AttachScanAsync(SignedInOfficial who, DocumentService documents, string documentId, IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        return (await documents.AttachScanAsync(who, documentId, file.FileName, stream, file.Length, ct)).ToOk();
    }
}
