namespace GreenTierWorkflows.Application.Readiness;

/// <summary>Where one readiness criterion stands for a pool member and a tier of the coming round.</summary>
public enum ReadinessState
{
    /// <summary>满足.</summary>
    Met,
    /// <summary>缺失: the condition is not fulfilled (or is overdue).</summary>
    Missing,
    /// <summary>窗口前到期: fulfilled today, but it lapses (or falls due) before or during the tier's declaration window.</summary>
    ExpiresBeforeWindow,
    /// <summary>未知: the record lacks the fact needed to judge it.</summary>
    Unknown,
}
