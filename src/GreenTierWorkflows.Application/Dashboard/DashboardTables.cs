using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Dashboard;

/// <summary>The dashboard's tables, built from a <see cref="DashboardReport"/> (one shape for the page and the exports).</summary>
public static class DashboardTables
{
    public const string Funnel = "funnel";
    public const string Districts = "districts";
    public const string Target = "target";
    public const string Durations = "durations";
    public const string Bottlenecks = "bottlenecks";
    public const string StageDistricts = "stage-districts";
    public const string TotalRow = "total";

    /// <summary>Every table's key, in the page's order.</summary>
    public static readonly IReadOnlyList<string> Keys = [Bottlenecks, Funnel, StageDistricts, Districts, Target, Durations];

    /// <summary>
    /// The tables that share their queries (the funnel, the bottlenecks and the units' steps all read the review steps now),
    /// so the page asks for each part once (<see cref="DashboardService.PartAsync"/>); the yearly target first, as the page heads with it.
    /// </summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Parts = [[Target], [Funnel, Bottlenecks, StageDistricts], [Districts], [Durations]];

    public static IReadOnlyList<DashboardTable> From(DashboardReport report) =>
        [BottleneckTable(report), FunnelTable(report), StageDistrictTable(report), DistrictTable(report), TargetTable(report), DurationTable(report)];

    public static DashboardTable? Find(DashboardReport report, string key) => From(report).FirstOrDefault(t => t.Key == key);

    private static DashboardTable FunnelTable(DashboardReport r) => new(Funnel, "各阶段申报数",
        [new("stage", "阶段"), new("count", "累计进入"), new("now", "当前所处"), new("waiting", "待办"), new("overdue", "逾期")],
        r.Funnel.Select(s => new DashboardRow(s.Stage, [s.Stage, s.Count, s.Now, s.Waiting, s.Overdue])).ToList());

    private static DashboardTable BottleneckTable(DashboardReport r) => new(Bottlenecks, "瓶颈环节（按等待时间）",
        [new("stage", "环节"), new("waiting", "待办数"), new("medianWait", "中位等待"), new("maxWait", "最长等待"), new("overdue", "逾期数")],
        r.Bottlenecks.Select(s => new DashboardRow(s.Stage, [s.Stage, s.Waiting, WaitText.Of(s.MedianWaitDays), WaitText.Of(s.MaxWaitDays), s.Overdue])).ToList());

    /// <summary>Units as rows, review steps as columns; a cell reads 「在办 n」 with 「（逾期 m）」 when some are overdue, blank when none.</summary>
    private static DashboardTable StageDistrictTable(DashboardReport r)
    {
        var stages = r.Stages.Select(s => s.Stage).ToList();
        return new(StageDistricts, "各区县各环节在办（逾期）",
            [new("district", "区县"), .. stages.Select(s => new DashboardColumn(s, s))],
            r.StageDistricts.Select(d => new DashboardRow(d.DistrictCode,
                [d.DistrictName, .. stages.Select(s => (object)Cell(d.ByStage.GetValueOrDefault(s, StageCount.None)))])).ToList());
    }

    private static string Cell(StageCount c) => c.Now == 0 && c.Waiting == 0 ? "" : c.Overdue > 0 ? $"{c.Now}（逾期 {c.Overdue}）" : c.Now.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DashboardTable DistrictTable(DashboardReport r)
    {
        var types = Enum.GetValues<NominationType>();
        var columns = new List<DashboardColumn> { new("district", "区县") };
        columns.AddRange(types.Select(t => new DashboardColumn(t.ToString(), DomainText.Of(t))));
        columns.Add(new("total", "合计"));
        var rows = r.Districts.Select(d => new DashboardRow(d.DistrictCode, [d.DistrictName, .. types.Select(t => (object)d.ByType[t]), d.Total])).ToList();
        if (r.Districts.Count > 1)
            rows.Add(new DashboardRow(TotalRow, ["合计", .. types.Select(t => (object)r.Districts.Sum(d => d.ByType[t])), r.Districts.Sum(d => d.Total)]));
        return new(Districts, "各区县申报数（按类型）", columns, rows);
    }

    /// <summary>The recognised factories: every one (the export) or the page of them the report holds, each keyed by its place in the whole list.</summary>
    private static DashboardTable TargetTable(DashboardReport r) => new(Target, "年度获评绿色工厂（省级、国家级）",
        [new("name", "企业名称"), new("district", "区县"), new("tier", "名单层级"), new("listedOn", "列入名单日期")],
        r.Target.Factories.Select((f, i) => new DashboardRow((r.Target.Skip + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            [f.Name, f.DistrictName, DomainText.Of(f.Tier), f.ListedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)])).ToList());

    private static DashboardTable DurationTable(DashboardReport r) => new(Durations, "各阶段停留天数（中位数）",
        [new("stage", "阶段"), new("medianDays", "中位天数"), new("stays", "样本数")],
        r.Durations.Select(d => new DashboardRow(d.Stage, [d.Stage, Math.Round(d.MedianDays, 1), d.Stays])).ToList());
}
