namespace GreenTierWorkflows.Domain.Stages;

/// <summary>
/// The catalogue of stage names (阶段): every stage a workflow in <c>workflows/</c> gives a <c>GreenTier.ReviewTask</c> or a
/// <c>GreenTier.SetNominationStatus</c>, and the few the application sets itself. Code names a stage only through these
/// constants; a test fails when a workflow file uses a stage missing here.
/// </summary>
public static class StageNames
{
    /// <summary>草稿: a nomination being prepared by its district.</summary>
    public const string Draft = "草稿";
    /// <summary>区县已推荐: submitted by the district, while its workflow starts.</summary>
    public const string DistrictRecommended = "区县已推荐";
    /// <summary>区县初审: the stage a submitted nomination's history starts with.</summary>
    public const string DistrictReview = "区县初审";

    public const string CityReview = "市级评审";
    public const string Revision = "退回修改";
    public const string OnSiteVerification = "现场核查";
    public const string CityRecommendation = "市级推荐";
    public const string ProvincialReview = "省级评审";
    public const string NationalReview = "国家级评审";
    public const string ObjectionCheck = "公示异议核查";

    public const string AnnualReportFiling = "动态管理表填报";
    public const string AnnualReportCheck = "动态管理表审核";
    public const string ReReviewOnSite = "复审现场核查";
    public const string CityReReview = "市级复审";

    public const string CityReviewFailed = "市级评审未通过";
    public const string OnSiteVerificationFailed = "现场核查未通过";
    public const string NotRecommended = "市级未推荐";
    public const string ProvincialReviewFailed = "省级评审未通过";
    public const string NationalReviewFailed = "国家级评审未通过";
    public const string ObjectionUpheld = "公示异议成立";
    public const string ListedCity = "已列入市级名单";
    public const string ListedProvince = "已列入省级名单";
    public const string ListedNational = "已列入国家级名单";

    /// <summary>The review-task stages of a nomination, in process order.</summary>
    public static IReadOnlyList<string> NominationTasks { get; } =
        [CityReview, Revision, OnSiteVerification, CityRecommendation, ProvincialReview, NationalReview, ObjectionCheck];

    /// <summary>The review-task stages of a listing's dynamic management (动态管理表, 复审), in process order.</summary>
    public static IReadOnlyList<string> ListingTasks { get; } = [AnnualReportFiling, AnnualReportCheck, ReReviewOnSite, CityReReview];

    /// <summary>Every stage a task can be in, in process order (the inbox's stage filter).</summary>
    public static IReadOnlyList<string> Tasks { get; } = [.. NominationTasks, .. ListingTasks];

    /// <summary>Where a nomination ends: not passed at a stage, or listed at a tier.</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
    [
        CityReviewFailed, OnSiteVerificationFailed, NotRecommended, ProvincialReviewFailed, NationalReviewFailed, ObjectionUpheld,
        ListedCity, ListedProvince, ListedNational,
    ];

    /// <summary>Every stage in the catalogue.</summary>
    public static IReadOnlyList<string> All { get; } = [Draft, DistrictRecommended, DistrictReview, .. Tasks, .. Outcomes];

    /// <summary>Is the name a catalogued stage?</summary>
    public static bool IsKnown(string? stage) => stage is not null && All.Contains(stage, StringComparer.Ordinal);
}
