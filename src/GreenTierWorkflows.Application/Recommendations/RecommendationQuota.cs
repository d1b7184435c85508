namespace GreenTierWorkflows.Application.Recommendations;

/// <summary>
/// The year's provincial recommendation quota as the ranking screen draws it: 名额 <see cref="Quota"/>, already recommended
/// (<see cref="Recommended"/>), what is left (<see cref="Remaining"/>) and how many nominations wait to be ranked.
/// </summary>
public sealed record RecommendationQuota(int Year, int Quota, int Recommended, int Remaining, int Waiting);
