using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Pools;

/// <summary>
/// A pool membership (active or exited), with where the member stands: the highest tier it is listed at now for its
/// cultivation type (<see cref="ListedTierName"/>, e.g. 省级) and its nomination in progress, if any.
/// </summary>
public sealed record PoolMemberDto(
    string Id,
    int Year,
    string DistrictCode,
    string DistrictName,
    string? EnterpriseId,
    string? ParkId,
    string MemberName,
    NominationType TargetType,
    string TargetTypeName,
    string? GuidanceNotes,
    DateTimeOffset EnrolledAt,
    string EnrolledBy,
    bool IsActive,
    DateTimeOffset? ExitedAt,
    string? ExitReason,
    Tier? ListedTier = null,
    string? ListedTierName = null,
    string? OpenNominationId = null,
    string? OpenNominationStage = null)
{
    public static PoolMemberDto From(PoolMembership m, PoolMemberStanding? standing = null) => new(m.Id, m.Year, m.DistrictCode,
        HuangshanUnits.NameOf(m.DistrictCode), m.EnterpriseId, m.ParkId, m.MemberName, m.TargetType, DomainText.Of(m.TargetType), m.GuidanceNotes,
        m.EnrolledAt, m.EnrolledBy, m.IsActive, m.ExitedAt, m.ExitReason, standing?.ListedTier,
        standing?.ListedTier is { } tier ? DomainText.Of(tier) : null, standing?.OpenNominationId, standing?.OpenNominationStage);
}

/// <summary>Where a pool member stands: its highest active listing tier for the pool's type and its nomination in progress.</summary>
public sealed record PoolMemberStanding(Tier? ListedTier, string? OpenNominationId, string? OpenNominationStage);
