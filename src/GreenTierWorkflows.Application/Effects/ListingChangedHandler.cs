using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Activities;
using GreenTierWorkflows.Domain.Effects;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using GreenTierWorkflows.Application.Nominations;
using GreenTierWorkflows.Application.Listings;

namespace GreenTierWorkflows.Application.Effects;

/// <summary>Dynamic management: an annual report accepted, a review passed, or the listing revoked.</summary>
public sealed class ListingChangedHandler : EffectHandler<ListingChanged>
{
    protected override async Task ApplyAsync(EffectApplication a, ListingChanged e, CancellationToken ct)
    {
        var listing = e.ListingId is { } listingId ? await a.Db.Listings.FindAsync([listingId], ct) : null;
        if (listing is null) return;
        var year = e.Year ?? a.Now.Year;
        switch (e.Action)
        {
            case ChangeListingActivity.AnnualReportAccepted:
                listing.LastAnnualReportYear = Math.Max(listing.LastAnnualReportYear ?? 0, year);
                a.History("动态管理表审核通过", $"{year} 年度动态管理表已审核通过");
                break;
            case ChangeListingActivity.ReviewPassed:
                listing.LastReviewOn = ChinaTime.DayOf(a.Now);
                a.History("复审通过", $"{DomainText.Of(listing.Tier)}名单资格保留");
                break;
            case ChangeListingActivity.Revoke:
                await ListingRevocation.RevokeAsync(a.Db, a.Nomination, listing, e.Reason ?? "动态管理未通过", null, "系统（工作流）",
                    a.Effect.DefinitionVersion, a.Now, ct);
                break;
        }
    }
}
