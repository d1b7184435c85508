using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Stages;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>
/// The stay rule, written once: a nomination's history (in order of time, then of writing) read as stays. A stay starts with
/// the first of consecutive lines of one stage and ends when a line of another stage follows — a line without a stage ends
/// it too and starts none. Drafting (草稿) is the district's own time, not the process's, and is no stay. The last stay is
/// open (no end) while the nomination is still in it.
/// </summary>
public static class StageStays
{
    /// <summary>The stays of one nomination's ordered history, the first stay of each stage marked.</summary>
    public static IReadOnlyList<NominationStageStay> Of(Nomination nomination, IReadOnlyList<(DateTimeOffset At, string? Stage)> history)
    {
        var stays = new List<NominationStageStay>();
        Append(nomination, stays, history);
        return stays;
    }

    /// <summary>
    /// Extends <paramref name="stays"/> (the stays of a history, in order) by <paramref name="lines"/> that follow that whole
    /// history, exactly as <see cref="Of"/> over the longer history would: the stays say all the rule needs to know of the
    /// earlier lines — the stages reached, and the current stage (the open stay's; with no open stay the nomination is in
    /// 草稿 or after a line without a stage, and the next line reads the same in both). An open last stay that ends here is
    /// changed in place; new stays are added to the list. Returns whether anything changed.
    /// </summary>
    public static bool Append(Nomination nomination, List<NominationStageStay> stays, IReadOnlyList<(DateTimeOffset At, string? Stage)> lines)
    {
        var reached = stays.Select(s => s.Stage).ToHashSet(StringComparer.Ordinal);
        var open = stays.Count > 0 && stays[^1].LeftAt is null ? stays[^1] : null;
        var current = open?.Stage;
        var changed = false;
        foreach (var (at, stage) in lines)
        {
            var name = string.IsNullOrEmpty(stage) ? null : stage;
            if (name is not null && name == current) continue;
            if (open is not null)
            {
                open.LeftAt = at;
                open.Days = (at - open.EnteredAt).TotalDays;
                open = null;
                changed = true;
            }
            current = name;
            if (name is null || name == StageNames.Draft) continue;
            stays.Add(open = new NominationStageStay
            {
                NominationId = nomination.Id, Ordinal = stays.Count, Year = nomination.Year, DistrictCode = nomination.DistrictCode,
                Type = nomination.Type, Stage = name, First = reached.Add(name), EnteredAt = at,
            });
            changed = true;
        }
        return changed;
    }
}
