using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>名单 and 动态管理: the tier ladder, the annual 动态管理表, the three-year 复审 and 撤销.</summary>
public static class ListingEndpoints
{
    public static IEndpointRouteBuilder MapListingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/listings").RequireAuthorization().WithTags("名单与动态管理");
        group.MapGet("", ListAsync).WithName("ListListings").WithSummary("名单（按申报对象查询即为其层级阶梯）").ProducesValidationProblem();
        group.MapPost("/{id}/annual-report", StartAnnualReportAsync).WithName("StartAnnualReport").WithSummary("发起年度动态管理表");
        group.MapPost("/{id}/review", StartReviewAsync).WithName("StartTriennialReview").WithSummary("发起三年复审");
        group.MapPost("/{id}/revoke", RevokeAsync).WithName("RevokeListing").WithSummary("撤销名单资格（须填写原因）");
        return app;
    }

    private static async Task<IResult> ListAsync(SignedInOfficial who, ListingService service, string? enterpriseId, string? parkId, ListingStatus? status,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (!Paging.TryRead(page, pageSize, out var paging, out var problem)) return problem!;
        return TypedResults.Ok(paging.Slice(await service.SearchAsync(who, enterpriseId, parkId, status, ct)));
    }

    private static Task<IResult> StartAnnualReportAsync(SignedInOfficial who, ListingService service, string id, ListingStartRequest request, CancellationToken ct) =>
        StartAsync(who, service, id, ListingService.AnnualReportWorkflow, request.Year, ct);

    private static Task<IResult> StartReviewAsync(SignedInOfficial who, ListingService service, string id, ListingStartRequest request, CancellationToken ct) =>
        StartAsync(who, service, id, ListingService.ReviewWorkflow, request.Year, ct);

    private static async Task<IResult> RevokeAsync(SignedInOfficial who, ListingService service, string id, ListingRevokeRequest request, CancellationToken ct)
    {
        var result = await service.RevokeAsync(who, id, request.Reason, ct);
        return result.Ok ? TypedResults.Ok(ListingView.From(result.Value!)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> StartAsync(SignedInOfficial who, ListingService service, string id, string workflow, int year, CancellationToken ct)
    {
        var result = await service.StartAsync(who, id, workflow, year, ct);
        return result.Ok ? TypedResults.Accepted($"/api/listings/{id}", ListingView.From(result.Value!)) : result.Error!.ToProblem();
    }
}
