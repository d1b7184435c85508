using GreenTierWorkflows.Application.Recommendations;
using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>
/// 市级推荐排序: the city's ranking of the year's nominations waiting at 市级推荐, saving it, and deciding them all by it.
/// Each handler calls one <see cref="RecommendationService"/> use case.
/// </summary>
public static class RecommendationEndpoints
{
    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recommendations").RequireAuthorization().WithTags("市级推荐");
        group.MapGet("", ListAsync).WithName("ListRecommendations").ProducesValidationProblem()
            .WithSummary("等待市级推荐的申报，按排名（未排序的按得分），含是否在名额内；默认本年度，可按类型筛选；仅市级部门");
        group.MapGet("/{year:int}/quota", QuotaAsync).WithName("GetRecommendationQuota").WithSummary("年度推荐名额、已推荐、剩余和待排序个数");
        group.MapPut("/{year:int}/ranking", SaveRankingAsync).WithName("SaveRecommendationRanking")
            .WithSummary("保存排序：按名次列出全部待推荐申报的编号（nominationIds）；仅市级评审");
        group.MapPost("/{year:int}/decisions", DecideAsync).WithName("DecideRecommendations")
            .WithSummary("按排名提交推荐：名额内的通过（推荐），其余不通过（未推荐），共用一条意见；提交后不可撤回；仅市级评审");
        return app;
    }

    private static async Task<IResult> ListAsync(SignedInOfficial who, RecommendationService service, int? year, NominationType? type, int? page, int? pageSize,
        CancellationToken ct) =>
        (await service.ListAsync(who, year, type, page, pageSize, ct)).ToOk();

    private static async Task<IResult> QuotaAsync(SignedInOfficial who, RecommendationService service, int year, CancellationToken ct) =>
        (await service.QuotaAsync(who, year, ct)).ToOk();

    private static async Task<IResult> SaveRankingAsync(SignedInOfficial who, RecommendationService service, int year, RankingRequest ranking, CancellationToken ct) =>
        (await service.SaveRankingAsync(who, year, ranking, ct)).ToOk();

    private static async Task<IResult> DecideAsync(SignedInOfficial who, RecommendationService service, int year, BatchDecisionRequest decision, CancellationToken ct) =>
        (await service.DecideAsync(who, year, decision, ct)).ToOk();
}
