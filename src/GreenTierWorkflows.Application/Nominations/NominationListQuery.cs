using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Nominations;

/// <summary>
/// What 申报管理 and <c>GET /api/nominations</c> are filtered and sorted by (each optional): year, type, status, current
/// stage, district, a keyword (applicant name or credit code, <see cref="Paging.ListKeyword"/>) and the order
/// (<see cref="NominationSort"/>: <c>created</c> — the default —, <c>submitted</c>, <c>applicant</c>, <c>district</c>;
/// <c>desc</c> names the direction, by default newest first for dates and A→Z for names and districts).
/// </summary>
public sealed record NominationListQuery(int? Year = null, NominationType? Type = null, NominationStatus? Status = null, string? Stage = null,
    string? District = null, string? Keyword = null, string? Sort = null, bool? Desc = null);
