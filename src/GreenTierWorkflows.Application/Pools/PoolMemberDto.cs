using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Pools;

/// <summary>A pool membership (active or exited).</summary>
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
    string? ExitReason)
{
    public static PoolMemberDto From(PoolMembership m) => new(m.Id, m.Year, m.DistrictCode, HuangshanUnits.NameOf(m.DistrictCode), m.EnterpriseId,
        m.ParkId, m.MemberName, m.TargetType, DomainText.Of(m.TargetType), m.GuidanceNotes, m.EnrolledAt, m.EnrolledBy, m.IsActive, m.ExitedAt,
        m.ExitReason);
}
