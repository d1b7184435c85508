namespace GreenTierWorkflows.Application.Readiness;

/// <summary>One cell of the ladder: where a pool member stands for one tier of the coming round.</summary>
public enum TierStanding
{
    /// <summary>可申报: every criterion is met.</summary>
    Ready,
    /// <summary>差 N 项: no bar, but some criteria are missing, lapse before the window or are unknown.</summary>
    Gaps,
    /// <summary>不符合条件: a barring criterion fails (ladder prerequisite, industry, negative list).</summary>
    NotEligible,
    /// <summary>已列入: already on this tier's list (or a higher one).</summary>
    Listed,
}
