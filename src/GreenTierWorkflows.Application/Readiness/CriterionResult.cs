namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// One criterion judged for a member and a tier: its key (stable, used by follow-ups, e.g. <c>certificate:GB/T 45001</c>),
/// its Chinese name, the state, the evidence in Chinese, and whether failing it bars the tier.
/// </summary>
public sealed record CriterionResult(string Key, string Name, ReadinessState State, string Evidence, bool Bars = false)
{
    /// <summary>True when the criterion is not met (a gap the district works on).</summary>
    public bool IsGap => State != ReadinessState.Met;

    /// <summary>True when it fails and the failure bars the tier.</summary>
    public bool IsBar => Bars && State == ReadinessState.Missing;
}
