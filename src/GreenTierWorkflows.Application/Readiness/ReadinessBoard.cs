namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// The ladder of the official's scope for the coming round: the round, the rules file it was judged by, the rows (all of
/// them, or one page) and how many rows the filter matched in all (null for a page not counted: <see cref="ReadinessService.RowsAsync"/>).
/// </summary>
public sealed record ReadinessBoard(int RoundYear, string RulesSource, string RulesDescription, IReadOnlyList<MemberReadiness> Rows, int? Total);
