namespace GreenTierWorkflows.Application.Readiness;

/// <summary>The Chinese words of the readiness states and standings (pages, API, export use these).</summary>
public static class ReadinessText
{
    public static string Of(ReadinessState state) => state switch
    {
        ReadinessState.Met => "满足",
        ReadinessState.Missing => "缺失",
        ReadinessState.ExpiresBeforeWindow => "窗口前到期",
        _ => "未知",
    };

    /// <summary>The cell text: 可申报, 差 N 项, 不符合条件 or 已列入.</summary>
    public static string Of(TierReadiness cell) => Cell(cell.Standing, cell.Gaps.Count);

    /// <summary>The cell text of a standing whose cell counts <paramref name="gaps"/> gaps (see <see cref="Of(TierReadiness)"/>).</summary>
    public static string Cell(TierStanding standing, int gaps) => standing switch
    {
        TierStanding.Ready => "可申报",
        TierStanding.Gaps => $"差 {gaps} 项",
        TierStanding.NotEligible => "不符合条件",
        _ => "已列入",
    };

    /// <summary>A checklist as the workbook shows it: one line per gap, 「名称（状态）：依据」.</summary>
    public static string ChecklistLines(IEnumerable<CriterionResult> checklist) =>
        string.Join("\n", checklist.Select(g => $"{g.Name}（{Of(g.State)}）：{g.Evidence}"));

    /// <summary>The follow-ups of a checklist as the workbook shows them: one line per gap followed up.</summary>
    public static string FollowUpLines(IEnumerable<FollowUpView> followUps) =>
        string.Join("\n", followUps.Select(f =>
            $"{f.CriterionKey}：{f.Assignee ?? "未指定跟进人"}{(f.DueOn is { } d ? $"，{d:yyyy-MM-dd} 前" : "")}{(f.DoneOn is { } done ? $"，{done:yyyy-MM-dd} 已完成" : "")}{(string.IsNullOrWhiteSpace(f.Guidance) ? "" : $"；{f.Guidance}")}"));
}
