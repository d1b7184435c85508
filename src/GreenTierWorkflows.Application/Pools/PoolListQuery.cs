using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Pools;

/// <summary>
/// What 培育库 and <c>GET /api/pools</c> are filtered by (each optional): year, district, cultivation type, whether the
/// member is still 在库 (<c>active</c>), and a keyword (member name or the enterprise's credit code,
/// <see cref="Paging.ListKeyword"/>). The order is fixed: newest year, district, 在库 before 已出库, name.
/// </summary>
public sealed record PoolListQuery(int? Year = null, string? District = null, NominationType? Type = null, bool? Active = null, string? Keyword = null);
