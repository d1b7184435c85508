namespace GreenTierWorkflows.Application.Recommendations;

/// <summary>
/// One nomination waiting at 市级推荐, as the city's ranking shows it: its place in the ranking (<see cref="Position"/>, from
/// 1; the saved <see cref="Rank"/> when there is one), whether that place is within the year's remaining quota, and what the
/// city weighs: district, applicant, industry, evaluator, score, and the 市级评审 and 现场核查 results.
/// </summary>
public sealed record RecommendationItem(string TaskId, string NominationId, int Position, int? Rank, bool WithinQuota,
    string DistrictCode, string District, string Applicant, string TypeName, string Industry, string Evaluator, decimal? Score,
    string CityReview, string OnSite, string? ClaimedByName);
