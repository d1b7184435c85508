using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Units;

namespace GreenTierWorkflows.Web.Components;

/// <summary>Formatting shared by the officials' pages: China time, unit and type names.</summary>
public static class Ui
{
    public static string Time(DateTimeOffset? at) => at is { } t ? ChinaTime.Minute(t) : "—";

    public static string Date(DateTimeOffset? at) => at is { } t ? ChinaTime.Day(t) : "—";

    public static string Unit(string? code) => string.IsNullOrEmpty(code) ? "全市" : HuangshanUnits.NameOf(code);

    /// <summary>A nomination as a confirmation names it: 「黄山某公司（歙县 · 2026 年度市级绿色工厂）」.</summary>
    public static string Caption(Nomination n) =>
        $"{n.ApplicantName}（{Unit(n.DistrictCode)} · {n.Year} 年度{DomainText.Of(n.TargetTier)}{DomainText.Of(n.Type)}）";

    /// <summary>The largest file a page reads from the browser (the service applies the configured material limit).</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    public static IReadOnlyList<NominationType> Types { get; } = Enum.GetValues<NominationType>();

    public static IReadOnlyList<Tier> Tiers { get; } = Enum.GetValues<Tier>();
}
