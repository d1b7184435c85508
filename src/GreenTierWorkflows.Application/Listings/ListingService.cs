using GreenTierWorkflows.Domain.Refusals;
using GreenTierWorkflows.Domain.Text;
using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Runtime.Execution;
using GreenTierWorkflows.Runtime.Management;
using Microsoft.EntityFrameworkCore;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;

namespace GreenTierWorkflows.Application.Listings;

/// <summary>
/// 动态管理 of listings: start the year's 动态管理表 (due 15 April) or the three-year 复审 as workflows, and revoke (撤销) with a
/// reason. The workflows' decisions come back as effects on the listing and the original nomination's history.
/// </summary>
public sealed class ListingService(GreenTierDbContext db, WorkflowRuntime runtime, TimeProvider clock)
{
    public const string AnnualReportWorkflow = "annual-dynamic-report";
    public const string ReviewWorkflow = "triennial-review";

    public IQueryable<Listing> Visible(Official who) => db.Listings.VisibleTo(who);

    /// <summary>The listings the official may see, narrowed by the given filters (each optional), by applicant and tier.</summary>
    public async Task<IReadOnlyList<ListingView>> SearchAsync(Official who, string? enterpriseId, string? parkId, ListingStatus? status, CancellationToken ct = default)
    {
        var q = Visible(who).AsNoTracking();
        if (enterpriseId is not null) q = q.Where(l => l.EnterpriseId == enterpriseId);
        if (parkId is not null) q = q.Where(l => l.ParkId == parkId);
        if (status is { } st) q = q.Where(l => l.Status == st);
        var items = await q.ToListAsync(ct);
        return items.OrderBy(l => l.ApplicantName).ThenBy(l => l.Tier).Select(ListingView.From).ToList();
    }

    public async Task<DomainResult<Listing>> StartAsync(Official who, string listingId, string workflow, int year, CancellationToken ct = default)
    {
        if (!who.IsInRole(Roles.CityReviewer) && !who.IsInRole(Roles.Admin)) return DomainError.Forbidden("只有市级评审或管理员可以发起动态管理。");
        var listing = await Visible(who).FirstOrDefaultAsync(l => l.Id == listingId, ct);
        if (listing is null || listing.NominationId is null) return DomainError.NotFound("名单记录");
        if (listing.Status != ListingStatus.Active) return DomainError.Conflict("该名单资格已撤销。");
        if (workflow == ReviewWorkflow && listing.ListedOn.AddYears(3) > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(6))
            return DomainError.Conflict($"复审在列入名单三年后进行（列入日期 {listing.ListedOn:yyyy-MM-dd}），尚未到期。");
        var correlation = listing.NominationId;
        await runtime.StartAsync(workflow, new StartWorkflowOptions
        {
            CorrelationId = correlation,
            Input = new JsonObject { ["listingId"] = listing.Id, ["year"] = year, ["district"] = listing.DistrictCode, ["applicantName"] = listing.ApplicantName },
        }, ct: ct);
        return DomainResult<Listing>.Success(listing);
    }

    public async Task<DomainResult<Listing>> RevokeAsync(Official who, string listingId, string? reason, CancellationToken ct = default)
    {
        if (!who.IsInRole(Roles.CityReviewer) && !who.IsInRole(Roles.Admin)) return DomainError.Forbidden("只有市级评审或管理员可以撤销名单资格。");
        var text = TextInput.Check(reason, "撤销原因", multiLine: true);
        if (!text.Ok) return DomainError.Invalid("reason", text.Error!);
        if (text.Value is null) return DomainError.Invalid("reason", "撤销名单资格必须填写原因。");
        var listing = await Visible(who).FirstOrDefaultAsync(l => l.Id == listingId, ct);
        if (listing is null) return DomainError.NotFound("名单记录");
        if (listing.Status != ListingStatus.Active) return DomainError.Conflict("该名单资格已撤销。");
        var nomination = listing.NominationId is null ? null : await db.Nominations.FindAsync([listing.NominationId], ct);
        if (nomination is null) return DomainError.NotFound("申报记录");
        await ListingRevocation.RevokeAsync(db, nomination, listing, text.Value, who.UserId, who.DisplayName, null, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return DomainResult<Listing>.Success(listing);
    }
}
