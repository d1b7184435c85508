using GreenTierWorkflows.Domain.Nominations;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// The readiness rules of one declaration round (a file <c>rules/readiness/{year}.json</c>, data the bureau edits): the
/// tier ladder, the criteria each tier checks, the certificates, the score threshold per evaluation standard, the energy
/// benchmarks per industry, the negative list's look-back, the 动态管理表 date and the 复审 interval.
/// </summary>
public sealed class ReadinessRules
{
    /// <summary>The round (year) the rules apply to; a later round without its own file uses the newest earlier one.</summary>
    public int Year { get; set; }
    /// <summary>A line for officials: where the rules come from.</summary>
    public string Description { get; set; } = "";
    public int NegativeListLookBackYears { get; set; } = 3;
    /// <summary>动态管理表 due date each year, "MM-dd".</summary>
    public string AnnualReportDue { get; set; } = "04-15";
    public int ReviewIntervalYears { get; set; } = 3;
    public List<CertificateRule> Certificates { get; set; } = [];
    public List<StandardRule> Standards { get; set; } = [];
    public List<EnergyBenchmark> EnergyBenchmarks { get; set; } = [];
    public List<TierRule> Tiers { get; set; } = [];

    /// <summary>The file it was read from (for messages).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Source { get; set; } = "";

    public TierRule? For(Tier tier) => Tiers.FirstOrDefault(t => t.Tier == tier);
}

/// <summary>A management-system certificate every applicant needs, with the names it is also known by (ISO numbers).</summary>
public sealed class CertificateRule
{
    /// <summary>The standard as the registry records it, e.g. GB/T 45001.</summary>
    public string Standard { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Equivalent standards accepted in its place, e.g. ISO 45001, GB/T 28001.</summary>
    public List<string> Equivalents { get; set; } = [];
}

/// <summary>An evaluation standard version (GB/T 36132-2018 / -2025), its pass mark and whether the round accepts a score under it.</summary>
public sealed class StandardRule
{
    public string Version { get; set; } = "";
    public decimal MinimumScore { get; set; }
    public bool Accepted { get; set; } = true;
}

/// <summary>A benchmark for 单位产品能耗 the bureau entered for an industry (GB/T 4754 code prefix, longest prefix wins).</summary>
public sealed class EnergyBenchmark
{
    public string Industry { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal UnitProductEnergyMax { get; set; }
    public string Unit { get; set; } = "";
}

/// <summary>One tier: the list it must already be on (the ladder) and the criteria it checks.</summary>
public sealed class TierRule
{
    public Tier Tier { get; set; }
    /// <summary>The tier whose list an applicant must already be on, or null.</summary>
    public Tier? Prerequisite { get; set; }
    /// <summary>Keys of <see cref="ReadinessCriteria.All"/>.</summary>
    public List<string> Criteria { get; set; } = [];
}
