using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Pools;

/// <summary>
/// One line of a pool member's readiness checklist (培育梯度): a gap the district works through with the enterprise — the
/// criterion it answers (its key, e.g. <c>certificate:GB/T 45001</c>), the guidance given, who follows up and by when,
/// and when it was done. One row per member and criterion.
/// </summary>
public sealed class GapFollowUp : IDistrictOwned
{
    public string Id { get; set; } = "";
    public string PoolMembershipId { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public string CriterionKey { get; set; } = "";
    /// <summary>指导意见 for this gap.</summary>
    public string? Guidance { get; set; }
    /// <summary>跟进人.</summary>
    public string? Assignee { get; set; }
    /// <summary>完成时限.</summary>
    public DateOnly? DueOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
