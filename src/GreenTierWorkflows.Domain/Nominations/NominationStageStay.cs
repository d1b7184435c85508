using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Nominations;

/// <summary>
/// One stay of a nomination in a review stage, a projection of its history (<see cref="NominationEvent"/>) kept for the
/// statistics dashboard: a stay starts with the first of consecutive history lines of one stage and ends when a line of
/// another stage (or a line without a stage) follows. Drafting (草稿) is not a stay. The nomination's year, unit and type are
/// copied so the dashboard counts and orders stays on an index without reading the nominations or their history.
/// </summary>
public sealed class NominationStageStay : IDistrictOwned
{
    public string NominationId { get; set; } = "";
    /// <summary>The stay's place among the nomination's stays (0, 1, …), in history order.</summary>
    public int Ordinal { get; set; }
    public int Year { get; set; }
    public string DistrictCode { get; set; } = "";
    public NominationType Type { get; set; }
    public string Stage { get; set; } = "";
    /// <summary>The nomination's first stay in this stage: counting these counts the nominations that reached the stage.</summary>
    public bool First { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    /// <summary>When a line of another stage followed; null while the nomination is still in the stage.</summary>
    public DateTimeOffset? LeftAt { get; set; }
    /// <summary>The stay's length in days once it has ended (<see cref="LeftAt"/> − <see cref="EnteredAt"/>); null while open.</summary>
    public double? Days { get; set; }
}
