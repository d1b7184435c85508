using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// One row of the ladder: a pool member, its cells city → nation, and the checklist lines kept for its gaps;
/// <see cref="EnterpriseId"/> links an enterprise member to its 企业档案.
/// </summary>
public sealed record MemberReadiness(string MemberId, string MemberName, string DistrictCode, string DistrictName, NominationType Type,
    IReadOnlyList<TierReadiness> Cells, IReadOnlyList<FollowUpView> FollowUps, string? EnterpriseId = null)
{
    public TierReadiness? Cell(Tier tier) => Cells.FirstOrDefault(c => c.Tier == tier);

    /// <summary>
    /// The distinct gaps over every tier not yet listed (a gap counts once, explained for the lowest such tier), barring ones
    /// first; picked once, when the row is built (the page, the export and the digest read it several times a row; a <c>with</c>
    /// copy giving other cells would keep it, so a changed row is built anew).
    /// </summary>
    public IReadOnlyList<CriterionResult> Checklist { get; } =
        [.. Cells.Where(c => c.Standing != TierStanding.Listed).SelectMany(c => c.Gaps).GroupBy(g => g.Key).Select(g => g.First()).OrderBy(g => g.IsBar ? 0 : 1)];

    public FollowUpView? FollowUpOf(string criterionKey) => FollowUps.FirstOrDefault(f => f.CriterionKey == criterionKey);
}
