namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// 目标测算: how many green factories the scope can expect on the provincial list from the coming round — members ready now
/// × the pass rate of every step — against the yearly target, which members would change it, and a warning while there is
/// still time to act.
/// </summary>
public sealed record ReadinessPlan(
    int RoundYear,
    int Target,
    DateOnly? WindowEndsOn,
    int DaysLeft,
    IReadOnlyList<string> HistoryYears,
    IReadOnlyList<PlanStage> Stages,
    double PassRate,
    double? MedianTotalDays,
    IReadOnlyList<string> ReadyMembers,
    double Expected,
    IReadOnlyList<PlanCandidate> Candidates,
    double ExpectedIfGapsClosed,
    string? Warning);
