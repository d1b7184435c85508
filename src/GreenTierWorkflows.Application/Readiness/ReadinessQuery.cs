using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// What the ladder (培育梯度, <c>GET /api/readiness</c>) is filtered by, each optional: district, cultivation type, a tier
/// and the standing wanted in it (e.g. 省级 + Gaps), and a keyword in the member's name.
/// </summary>
public sealed record ReadinessQuery(string? District = null, NominationType? Type = null, Tier? Tier = null, TierStanding? Standing = null, string? Keyword = null);
