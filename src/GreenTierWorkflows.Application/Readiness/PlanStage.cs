namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// One step of the road to the provincial list in the plan: its historic pass rate (reached the next step / reached this
/// one, over the previous rounds), the rate the plan uses (adjusted, or the historic one, or a default when there is no
/// history), and its measured median stay.
/// </summary>
public sealed record PlanStage(string Stage, int Reached, int Passed, double? HistoricRate, double Rate, string RateSource, double? MedianDays);
