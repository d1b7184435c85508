namespace GreenTierWorkflows.Application.Recommendations;

/// <summary>What the batch decided for one nomination: 通过 (推荐) or 不通过 (未推荐), or why its decision was not recorded.</summary>
public sealed record BatchDecisionItem(string NominationId, string Applicant, int Rank, string Outcome, bool Decided, string? Error);
