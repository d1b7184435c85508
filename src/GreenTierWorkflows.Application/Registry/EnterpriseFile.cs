using GreenTierWorkflows.Application.Pools;
using GreenTierWorkflows.Domain.Listings;

namespace GreenTierWorkflows.Application.Registry;

/// <summary>
/// 企业档案: an enterprise's record with everything the officials know of it — its listings (current and earlier), its pool
/// memberships per year, its nominations in the official's scope and the record's 修改记录 (newest first).
/// <see cref="CanEdit"/> says whether the official may change the record (the owning district, the city).
/// </summary>
public sealed record EnterpriseFile(
    EnterpriseDto Enterprise,
    bool CanEdit,
    IReadOnlyList<Listing> Listings,
    IReadOnlyList<PoolMemberDto> Memberships,
    IReadOnlyList<EnterpriseNomination> Nominations,
    IReadOnlyList<EnterpriseEdit> Edits);
