namespace GreenTierWorkflows.Application.Recommendations;

/// <summary>
/// 按排名提交推荐: the common comment every decision carries; how many of the saved ranking to recommend (default: as many
/// as the remaining quota allows); and, optionally, the ranking the official confirmed (refused if the saved one differs).
/// </summary>
public sealed record BatchDecisionRequest(string? Comment, int? Recommend = null, IReadOnlyList<string>? Ranking = null);
