namespace GreenTierWorkflows.Application.Recommendations;

/// <summary>A ranking to save: every nomination waiting at 市级推荐 in the year, by id, first place first.</summary>
public sealed record RankingRequest(IReadOnlyList<string>? NominationIds);
