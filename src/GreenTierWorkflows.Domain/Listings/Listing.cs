using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Listings;

public enum ListingStatus { Active, Revoked }

/// <summary>
/// A place on a green-manufacturing list (名单) at one tier: the rungs of an applicant's tier ladder. Listed units file a
/// 动态管理表 every year (by 15 April) and are re-reviewed (复审) three years after listing; a listing can be revoked (撤销).
/// </summary>
public sealed class Listing : IDistrictOwned
{
    public string Id { get; set; } = "";
    public NominationType Type { get; set; }
    public Tier Tier { get; set; }
    public string? EnterpriseId { get; set; }
    public string? ParkId { get; set; }
    public string ApplicantName { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public int Year { get; set; }
    public DateOnly ListedOn { get; set; }
    public string? NominationId { get; set; }
    public ListingStatus Status { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
    /// <summary>Last year a 动态管理表 was accepted.</summary>
    public int? LastAnnualReportYear { get; set; }
    public DateOnly? LastReviewOn { get; set; }
}
