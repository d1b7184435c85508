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
    public static string Of(TierReadiness cell) => cell.Standing switch
    {
        TierStanding.Ready => "可申报",
        TierStanding.Gaps => $"差 {cell.Gaps.Count} 项",
        TierStanding.NotEligible => "不符合条件",
        _ => "已列入",
    };
}
