using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Units;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GreenTierWorkflows.Web.Endpoints;

/// <summary>名单 and 动态管理: the tier ladder, the annual 动态管理表, the three-year 复审 and 撤销.</summary>
public static class ListingEndpoints
{
    public sealed record ListingView(string Id, NominationType Type, string TypeName, Tier Tier, string TierName, string? EnterpriseId, string? ParkId,
        string ApplicantName, string DistrictCode, string DistrictName, int Year, DateOnly ListedOn, string? NominationId, ListingStatus Status,
        string? RevocationReason, DateTimeOffset? RevokedAt, int? LastAnnualReportYear, DateOnly? LastReviewOn)
    {
        public static ListingView From(Listing l) => new(l.Id, l.Type, DomainText.Of(l.Type), l.Tier, DomainText.Of(l.Tier), l.EnterpriseId, l.ParkId,
            l.ApplicantName, l.DistrictCode, HuangshanUnits.NameOf(l.DistrictCode), l.Year, l.ListedOn, l.NominationId, l.Status, l.RevocationReason,
            l.RevokedAt, l.LastAnnualReportYear, l.LastReviewOn);
    }

    public sealed record StartRequest(int Year);
    public sealed record RevokeRequest(string? Reason);

    public static IEndpointRouteBuilder MapListingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/listings").RequireAuthorization().WithTags("名单与动态管理");
        group.MapGet("", async (HttpContext http, ListingService s, string? enterpriseId, string? parkId, ListingStatus? status, CancellationToken ct) =>
        {
            var q = s.Visible(await CurrentOfficial.GetAsync(http)).AsNoTracking();
            if (enterpriseId is not null) q = q.Where(l => l.EnterpriseId == enterpriseId);
            if (parkId is not null) q = q.Where(l => l.ParkId == parkId);
            if (status is { } st) q = q.Where(l => l.Status == st);
            var items = await q.ToListAsync(ct);
            return TypedResults.Ok(items.OrderBy(l => l.ApplicantName).ThenBy(l => l.Tier).Select(ListingView.From).ToList());
        }).WithName("ListListings").WithSummary("名单（按申报对象查询即为其层级阶梯）");
        group.MapPost("/{id}/annual-report", (HttpContext http, ListingService s, string id, StartRequest r, CancellationToken ct) =>
            StartAsync(http, s, id, ListingService.AnnualReportWorkflow, r.Year, ct)).WithName("StartAnnualReport").WithSummary("发起年度动态管理表");
        group.MapPost("/{id}/review", (HttpContext http, ListingService s, string id, StartRequest r, CancellationToken ct) =>
            StartAsync(http, s, id, ListingService.ReviewWorkflow, r.Year, ct)).WithName("StartTriennialReview").WithSummary("发起三年复审");
        group.MapPost("/{id}/revoke", async (HttpContext http, ListingService s, string id, RevokeRequest r, CancellationToken ct) =>
        {
            var result = await s.RevokeAsync(await CurrentOfficial.GetAsync(http), id, r.Reason, ct);
            return result.Ok ? TypedResults.Ok(ListingView.From(result.Value!)) : ProblemResults.From(result.Error!);
        }).WithName("RevokeListing").WithSummary("撤销名单资格（须填写原因）");
        return app;
    }

    private static async Task<IResult> StartAsync(HttpContext http, ListingService s, string id, string workflow, int year, CancellationToken ct)
    {
        var result = await s.StartAsync(await CurrentOfficial.GetAsync(http), id, workflow, year, ct);
        return result.Ok ? TypedResults.Accepted($"/api/listings/{id}", ListingView.From(result.Value!)) : ProblemResults.From(result.Error!);
    }
}
