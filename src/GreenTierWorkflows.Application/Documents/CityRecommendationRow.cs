namespace GreenTierWorkflows.Application.Documents;

/// <summary>One line of the city's 推荐汇总表: rank, district, enterprise, industry, evaluator, score, city review and on-site results (and the type, for the 公示).</summary>
public sealed record CityRecommendationRow(int Rank, string District, string Applicant, string Industry, string Evaluator, decimal? Score,
    string CityReview, string OnSite, string TypeName)
{
    public IReadOnlyList<object?> Cells() => [Rank, District, Applicant, Industry, Evaluator, Score, CityReview, OnSite];
}
