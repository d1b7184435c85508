namespace GreenTierWorkflows.Application.Readiness;

/// <summary>The round year the ladder is judged against and the rules file for it (<c>GET /api/readiness/round</c>).</summary>
public sealed record ReadinessRound(int RoundYear, string RulesSource, string RulesDescription);
