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
        var reached = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        NominationStageStay? open = null;
        foreach (var (at, stage) in history)
        {
            var name = string.IsNullOrEmpty(stage) ? null : stage;
            if (name is not null && name == current) continue;
            if (open is not null)
            {
                open.LeftAt = at;
                open.Days = (at - open.EnteredAt).TotalDays;
                open = null;
            }
            current = name;
            if (name is null || name == StageNames.Draft) continue;
            stays.Add(open = new NominationStageStay
            {
                NominationId = nomination.Id, Ordinal = stays.Count, Year = nomination.Year, DistrictCode = nomination.DistrictCode,
                Type = nomination.Type, Stage = name, First = reached.Add(name), EnteredAt = at,
            });
        }
        return stays;
    }
}
