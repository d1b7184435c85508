using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Pools;

/// <summary>
/// 培育库: an enterprise or park enrolled by a district as a cultivation candidate for a year, with guidance notes, until
/// it exits. Only active members can be nominated.
/// </summary>
public sealed class PoolMembership : IPoolMemberRow
{
    public string Id { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public int Year { get; set; }
    public string? EnterpriseId { get; set; }
    public string? ParkId { get; set; }
    public string MemberName { get; set; } = "";
    /// <summary>Which list it is cultivated for.</summary>
    public Nominations.NominationType TargetType { get; set; }
    public string? GuidanceNotes { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public string EnrolledBy { get; set; } = "";
    public DateTimeOffset? ExitedAt { get; set; }
    public string? ExitReason { get; set; }

    public bool IsActive => ExitedAt is null;
}
