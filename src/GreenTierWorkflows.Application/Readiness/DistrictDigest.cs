using System.Text.Json.Nodes;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Officials;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// One district's monthly readiness digest (培育库月报), summed up row by row as the ladder passes in batches: counts per tier,
/// and each member with gaps with its follow-ups open, overdue and not yet assigned. Only the members with gaps are kept.
/// </summary>
internal sealed class DistrictDigest(string district, Official scope)
{
    private readonly SortedDictionary<Tier, int[]> tiers = [];
    private readonly JsonArray members = [];
    private int memberCount;

    public string District { get; } = district;

    /// <summary>The district's own scope: a row is added only when it may see it.</summary>
    public Official Scope { get; } = scope;

    public void Add(MemberReadiness row, DateOnly today)
    {
        memberCount++;
        foreach (var cell in row.Cells)
        {
            if (!tiers.TryGetValue(cell.Tier, out var counts)) tiers[cell.Tier] = counts = new int[4];
            switch (cell.Standing)
            {
                case TierStanding.Ready: counts[0]++; break;
                case TierStanding.Gaps: counts[1]++; break;
                case TierStanding.NotEligible: counts[2]++; break;
                case TierStanding.Listed: counts[3]++; break;
            }
        }
        if (row.Checklist.Count == 0) return;
        var open = row.FollowUps.Where(f => f.DoneOn is null).ToList();
        var overdue = open.Where(f => f.DueOn is { } due && due < today).OrderBy(f => f.DueOn).ToList();
        string NameOf(string key) => row.Checklist.FirstOrDefault(g => g.Key == key)?.Name ?? key;
        members.Add(new JsonObject
        {
            ["member_name"] = row.MemberName,
            ["cells"] = string.Join("；", row.Cells.Select(c => $"{DomainText.Of(c.Tier)} {ReadinessText.Of(c)}")),
            ["gap_count"] = row.Checklist.Count,
            ["gaps"] = new JsonArray([.. row.Checklist.Select(g => (JsonNode?)$"{g.Name}（{ReadinessText.Of(g.State)}）")]),
            ["open_follow_ups"] = open.Count,
            ["overdue_follow_ups"] = overdue.Count,
            ["unassigned"] = row.Checklist.Count(g => row.FollowUpOf(g.Key) is null),
            ["overdue"] = new JsonArray([.. overdue.Select(f => (JsonNode?)
                $"{NameOf(f.CriterionKey)}：{(string.IsNullOrWhiteSpace(f.Assignee) ? "未指定跟进人" : f.Assignee)}，应于 {ReadinessNoticeMonitor.Day(f.DueOn)} 完成，已逾期 {today.DayNumber - f.DueOn!.Value.DayNumber} 天")]),
        });
    }

    /// <summary>The notice model of the month (once per district: it takes the member list).</summary>
    public JsonObject Model(int round, DateOnly today, string appUrl)
    {
        var tierRows = new JsonArray();
        foreach (var (tier, counts) in tiers)
            tierRows.Add(new JsonObject
            {
                ["tier_name"] = DomainText.Of(tier), ["ready"] = counts[0], ["gaps"] = counts[1], ["not_eligible"] = counts[2], ["listed"] = counts[3],
            });
        return new JsonObject
        {
            ["district_name"] = HuangshanUnits.NameOf(District), ["month"] = $"{today.Year}年{today.Month}月", ["year"] = round,
            ["member_count"] = memberCount, ["tiers"] = tierRows, ["members"] = members,
            ["readiness_url"] = $"{appUrl}/readiness", ["app_url"] = appUrl,
        };
    }
}
