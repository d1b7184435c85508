using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>A member's readiness for one tier of the coming round: the cell's standing, the window it was judged against, every criterion.</summary>
public sealed record TierReadiness(Tier Tier, TierStanding Standing, DateOnly? WindowOpensOn, DateOnly? WindowEndsOn, IReadOnlyList<CriterionResult> Criteria)
{
    /// <summary>
    /// The criteria not met, barring ones first (picked once, when the cell is built: the cell text, the checklist and the plan
    /// all read them; a <c>with</c> copy giving other criteria would keep these, so a changed cell is built anew).
    /// </summary>
    public IReadOnlyList<CriterionResult> Gaps { get; } = [.. Criteria.Where(c => c.IsGap).OrderBy(c => c.IsBar ? 0 : 1)];
}
