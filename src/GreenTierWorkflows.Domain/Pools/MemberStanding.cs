using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Pools;

/// <summary>
/// Where a pool member of 培育梯度 stood for each tier when it was last assessed, kept so that the ladder's standing filter
/// (e.g. 省级有差距) and the target plan select their members in the database instead of assessing a whole city on every
/// request. A row counts only for its <see cref="Generation"/> (the round, the China day, the rules and the windows it was
/// judged against): a new day or an edited window or rules file makes every row old at once; a change to the member's own
/// facts is recorded as a <see cref="MemberStandingInvalidation"/> in the same save and the member assessed again before
/// the next read. A row of the current generation exists exactly for each member of the ladder (a refresh deletes the rows of
/// every membership of the enterprise or park it reassesses, then writes those still in the ladder). The standings are the values of the application's <c>TierStanding</c>, null where the round's rules
/// configure no such tier.
/// </summary>
public sealed class MemberStanding : IPoolMemberRow
{
    /// <summary>The pool membership's id (one row per membership).</summary>
    public string Id { get; set; } = "";
    public string Generation { get; set; } = "";
    /// <summary>The member's unit, name and type, copied so that a filtered page is read from the standings' index in the ladder's order.</summary>
    public string DistrictCode { get; set; } = "";
    public string MemberName { get; set; } = "";
    public Nominations.NominationType TargetType { get; set; }
    public int? City { get; set; }
    public int? Province { get; set; }
    public int? National { get; set; }
    /// <summary>How many gaps each tier's cell counts (its 差 N 项), null where the round's rules configure no such tier.</summary>
    public int? CityGaps { get; set; }
    public int? ProvinceGaps { get; set; }
    public int? NationalGaps { get; set; }
    /// <summary>
    /// The member's checklist as the 培育梯度 workbook shows it (one line per gap: criterion, state, evidence), so that the
    /// workbook of a district of 12,500 members is read from these rows instead of assessing every member again.
    /// </summary>
    public string Checklist { get; set; } = "";
}

/// <summary>What the ladder filters and orders a pool member by: its unit, name and type (a membership, or its stored standing).</summary>
public interface IPoolMemberRow : IDistrictOwned
{
    /// <summary>The pool membership's id, the ladder's last sort key.</summary>
    string Id { get; }
    string MemberName { get; }
    Nominations.NominationType TargetType { get; }
}

/// <summary>
/// A change to the facts a member is assessed on (its enterprise, the listings and nominations of its enterprise or park,
/// the membership itself), written by the save that makes it: <see cref="Subject"/> is <c>e:{enterpriseId}</c>,
/// <c>p:{parkId}</c> or <c>m:{membershipId}</c>. Deleted once the members concerned are assessed again.
/// </summary>
public sealed class MemberStandingInvalidation
{
    public long Id { get; set; }
    public string Subject { get; set; } = "";
}

/// <summary>A generation of <see cref="MemberStanding"/> whose rows were all written: its presence means every ladder member has one.</summary>
public sealed class MemberStandingGeneration
{
    public string Generation { get; set; } = "";
    public DateTimeOffset BuiltAt { get; set; }
    public int Members { get; set; }
}
