using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Web.Components;

/// <summary>Formatting shared by the officials' pages: China time, unit and type names.</summary>
public static class Ui
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm") : "—";

    public static string Date(DateTimeOffset? at) => at is { } t ? t.ToOffset(ChinaOffset).ToString("yyyy-MM-dd") : "—";

    public static string Unit(string? code) => string.IsNullOrEmpty(code) ? "全市" : HuangshanUnits.NameOf(code);

    public static int CurrentYear(TimeProvider clock) => Endpoints.RegistryRules.CurrentYear(clock);

    /// <summary>The largest file a page reads from the browser (the service applies the configured material limit).</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    public static IReadOnlyList<NominationType> Types { get; } = Enum.GetValues<NominationType>();

    public static IReadOnlyList<Tier> Tiers { get; } = Enum.GetValues<Tier>();

    /// <summary>The stages a nomination's tasks can be in, in process order (inbox filter).</summary>
    public static IReadOnlyList<string> TaskStages { get; } = ["市级评审", "退回修改", "现场核查", "市级推荐", "省级评审", "国家级评审", "公示异议核查", "动态管理表填报", "动态管理表审核", "复审现场核查", "市级复审"];
}
