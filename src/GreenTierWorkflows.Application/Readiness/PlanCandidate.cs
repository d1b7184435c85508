namespace GreenTierWorkflows.Application.Readiness;

/// <summary>A member not yet ready for the provincial round that would add to the outcome if its gaps closed before the window.</summary>
public sealed record PlanCandidate(string MemberId, string MemberName, string DistrictName, IReadOnlyList<CriterionResult> Gaps, double ExpectedGain);
