using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Listings;

/// <summary>A listing (名单) with its tier, status and the last annual report and review.</summary>
public sealed record ListingView(string Id, NominationType Type, string TypeName, Tier Tier, string TierName, string? EnterpriseId, string? ParkId,
    string ApplicantName, string DistrictCode, string DistrictName, int Year, DateOnly ListedOn, string? NominationId, ListingStatus Status,
    string? RevocationReason, DateTimeOffset? RevokedAt, int? LastAnnualReportYear, DateOnly? LastReviewOn)
{
    public static ListingView From(Listing l) => new(l.Id, l.Type, DomainText.Of(l.Type), l.Tier, DomainText.Of(l.Tier), l.EnterpriseId, l.ParkId,
        l.ApplicantName, l.DistrictCode, HuangshanUnits.NameOf(l.DistrictCode), l.Year, l.ListedOn, l.NominationId, l.Status, l.RevocationReason,
        l.RevokedAt, l.LastAnnualReportYear, l.LastReviewOn);
}
