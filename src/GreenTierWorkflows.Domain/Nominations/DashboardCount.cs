using GreenTierWorkflows.Domain.Officials;

namespace GreenTierWorkflows.Domain.Nominations;

/// <summary>
/// A row of the statistics dashboard's counts: how many records of a year and unit fall under one key (a
/// <see cref="Measure"/>, a stage and a detail). Every save that adds, changes or removes a nomination, a review task or a
/// stay appends the changes of the counts as rows of +1 and −1, in its own transaction (inserts only, so concurrent
/// decisions never wait on one another's counter); the compaction folds them into one row per key now and then. A count is
/// the sum of its key's rows, read on an index whose size follows the number of keys, not of nominations.
/// </summary>
public sealed class DashboardCount : IDistrictOwned
{
    public long Id { get; set; }
    public int Year { get; set; }
    public string DistrictCode { get; set; } = "";
    /// <summary>What is counted: one of <see cref="DashboardMeasures"/>.</summary>
    public string Measure { get; set; } = "";
    /// <summary>The stage the measure counts by, or "" when it counts by none.</summary>
    public string Stage { get; set; } = "";
    /// <summary>The measure's second key (a status, a type, a role), or "".</summary>
    public string Detail { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>The dashboard's measures (<see cref="DashboardCount.Measure"/>): each counts one kind of record by its year and unit.</summary>
public static class DashboardMeasures
{
    /// <summary>Nominations by type (<see cref="DashboardCount.Detail"/> = the type's name), whatever their status.</summary>
    public const string NominationsByType = "nominations-by-type";
    /// <summary>Nominations by their stage and status (the status's name).</summary>
    public const string NominationsByStatus = "nominations-by-status";
    /// <summary>Nominations with a submission date.</summary>
    public const string Submitted = "submitted";
    /// <summary>Open review tasks by stage and assignee role.</summary>
    public const string OpenTasks = "open-tasks";
    /// <summary>First stays by stage: the nominations that reached it.</summary>
    public const string Reached = "reached";
    /// <summary>Ended stays by stage.</summary>
    public const string EndedStays = "ended-stays";
    /// <summary>Cultivation pool members (培育库) by cultivation type and standing: <see cref="PoolMemberDetail"/>.</summary>
    public const string PoolMembers = "pool-members";

    /// <summary>A pool member's detail: its cultivation type's name and whether it is 在库 (<c>GreenFactory:active</c>) or 已出库 (<c>:exited</c>).</summary>
    public static string PoolMemberDetail(NominationType type, bool active) => $"{type}{(active ? ActiveSuffix : ExitedSuffix)}";

    /// <summary>The suffixes of <see cref="PoolMemberDetail"/>, as the counts' rebuild writes them in SQL.</summary>
    public const string ActiveSuffix = ":active", ExitedSuffix = ":exited";
}
