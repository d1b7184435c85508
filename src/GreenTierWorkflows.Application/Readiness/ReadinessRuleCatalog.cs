using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreenTierWorkflows.Infrastructure.Templates;
using Microsoft.Extensions.Options;

namespace GreenTierWorkflows.Application.Readiness;

/// <summary>
/// The readiness rules files (<c>{year}.json</c> in <see cref="ReadinessOptions.RulesDirectory"/>), read and checked once:
/// an unknown property, a wrong value or an inconsistency throws a <see cref="ReadinessRuleException"/> naming the file and
/// the field, so the host does not start on rules it cannot apply. Kept as files rather than rows: the rules change once a
/// year with the provincial notice, are reviewed like the workflows and templates, and a wrong edit is caught on start.
/// </summary>
public sealed class ReadinessRuleCatalog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly IReadOnlyList<ReadinessRules> rounds;

    public ReadinessRuleCatalog(IOptions<ReadinessOptions> options) : this(ScribanTemplateFolder.ResolveDirectory(options.Value.RulesDirectory)) { }

    public ReadinessRuleCatalog(string directory)
    {
        Directory = directory;
        if (!System.IO.Directory.Exists(directory)) throw new ReadinessRuleException($"培育梯度规则目录不存在 (readiness rules directory not found): {directory}");
        var files = System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new ReadinessRuleException($"培育梯度规则目录 {directory} 中没有规则文件（应为 年度.json，如 2027.json）。");
        rounds = [.. files.Select(Load).OrderBy(r => r.Year)];
    }

    /// <summary>The absolute rules directory.</summary>
    public string Directory { get; }

    /// <summary>Every round's rules, oldest first.</summary>
    public IReadOnlyList<ReadinessRules> Rounds => rounds;

    /// <summary>The rules of a round: its own file, else the newest earlier one, else the oldest.</summary>
    public ReadinessRules For(int year) => rounds.LastOrDefault(r => r.Year <= year) ?? rounds[0];

    /// <summary>Reads and checks one file; the exception names the file and the field.</summary>
    public static ReadinessRules Load(string path)
    {
        var file = Path.GetFileName(path);
        ReadinessRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<ReadinessRules>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ReadinessRuleException($"培育梯度规则文件 {file} 有误：字段 {e.Path ?? "$"}（第 {e.LineNumber + 1} 行）无法读取：{e.Message}");
        }
        if (rules is null) throw new ReadinessRuleException($"培育梯度规则文件 {file} 为空。");
        rules.Source = file;
        var problems = Check(rules, Path.GetFileNameWithoutExtension(path));
        if (problems.Count > 0)
            throw new ReadinessRuleException($"培育梯度规则文件 {file} 有误：{string.Join("；", problems)}");
        return rules;
    }

    private static List<string> Check(ReadinessRules rules, string fileStem)
    {
        var problems = new List<string>();
        if (rules.Year is < 2000 or > 2100) problems.Add($"字段 year「{rules.Year}」应为年度（如 2027）");
        else if (fileStem != rules.Year.ToString(CultureInfo.InvariantCulture)) problems.Add($"字段 year「{rules.Year}」与文件名不一致（文件应命名为 {rules.Year}.json）");
        if (rules.NegativeListLookBackYears is < 1 or > 10) problems.Add("字段 negativeListLookBackYears 应在 1 到 10 之间");
        if (rules.ReviewIntervalYears is < 1 or > 10) problems.Add("字段 reviewIntervalYears 应在 1 到 10 之间");
        if (!DateOnly.TryParseExact($"2000-{rules.AnnualReportDue}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            problems.Add($"字段 annualReportDue「{rules.AnnualReportDue}」应为 月-日（如 04-15）");
        for (var i = 0; i < rules.Certificates.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(rules.Certificates[i].Standard)) problems.Add($"字段 certificates[{i}].standard 不能为空");
            if (string.IsNullOrWhiteSpace(rules.Certificates[i].Name)) problems.Add($"字段 certificates[{i}].name 不能为空");
        }
        if (rules.Standards.Count == 0) problems.Add("字段 standards 至少应列出一个评价标准版本及其得分门槛");
        for (var i = 0; i < rules.Standards.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(rules.Standards[i].Version)) problems.Add($"字段 standards[{i}].version 不能为空");
            if (rules.Standards[i].MinimumScore is < 0 or > 100) problems.Add($"字段 standards[{i}].minimumScore 应在 0 到 100 之间");
        }
        for (var i = 0; i < rules.EnergyBenchmarks.Count; i++)
        {
            var b = rules.EnergyBenchmarks[i];
            if (string.IsNullOrWhiteSpace(b.Industry) || !char.IsAsciiLetterUpper(b.Industry[0]))
                problems.Add($"字段 energyBenchmarks[{i}].industry「{b.Industry}」应为 GB/T 4754 行业代码（如 C30）");
            if (b.UnitProductEnergyMax <= 0) problems.Add($"字段 energyBenchmarks[{i}].unitProductEnergyMax 必须大于 0");
        }
        if (rules.Tiers.Count == 0) problems.Add("字段 tiers 至少应配置一个层级");
        for (var i = 0; i < rules.Tiers.Count; i++)
        {
            var t = rules.Tiers[i];
            if (!Enum.IsDefined(t.Tier)) problems.Add($"字段 tiers[{i}].tier 应为 City、Province 或 National");
            if (rules.Tiers.Take(i).Any(o => o.Tier == t.Tier)) problems.Add($"字段 tiers[{i}].tier「{t.Tier}」重复");
            if (t.Prerequisite is { } p && p >= t.Tier) problems.Add($"字段 tiers[{i}].prerequisite「{p}」应为低于 {t.Tier} 的层级");
            for (var j = 0; j < t.Criteria.Count; j++)
                if (!ReadinessCriteria.All.Contains(t.Criteria[j]))
                    problems.Add($"字段 tiers[{i}].criteria[{j}]「{t.Criteria[j]}」不是已知条件（可选：{string.Join("、", ReadinessCriteria.All)}）");
        }
        return problems;
    }
}
