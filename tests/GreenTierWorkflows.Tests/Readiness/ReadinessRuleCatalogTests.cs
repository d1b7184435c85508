using GreenTierWorkflows.Application.Readiness;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>The rules files are checked on load; a wrong one is refused with a Chinese message naming the file and the field.</summary>
public sealed class ReadinessRuleCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gtw-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheRepositorysRules_Load_AndALaterRoundUsesTheNewestEarlierFile()
    {
        var catalog = new ReadinessRuleCatalog(Path.Combine(ReadinessAssessorTests.RepoRoot(), "rules", "readiness"));
        Assert.Equal(2027, catalog.For(2027).Year);
        Assert.Equal(2027, catalog.For(2030).Year);
        Assert.Equal(2026, catalog.For(2026).Year);
        Assert.Equal("2027.json", catalog.For(2027).Source);
    }

    [Fact]
    public void AnUnknownCriterion_IsRefused_NamingFileAndField()
    {
        var text = File.ReadAllText(Path.Combine(ReadinessAssessorTests.RepoRoot(), "rules", "readiness", "2027.json")).Replace("\"history\" ] },\n    { \"tier\": \"Province\"", "\"histroy\" ] },\n    { \"tier\": \"Province\"");
        File.WriteAllText(Path.Combine(_dir, "2027.json"), text);
        var e = Assert.Throws<ReadinessRuleException>(() => new ReadinessRuleCatalog(_dir));
        Assert.Contains("2027.json", e.Message);
        Assert.Contains("tiers[0].criteria[5]「histroy」不是已知条件", e.Message);
    }

    [Fact]
    public void AnUnknownProperty_AndAYearNotMatchingItsFile_AreRefused()
    {
        File.WriteAllText(Path.Combine(_dir, "2028.json"), """{ "year": 2028, "standards": [ { "version": "GB/T 36132-2025", "minimumScore": 80, "passMark": 1 } ] }""");
        var unknown = Assert.Throws<ReadinessRuleException>(() => new ReadinessRuleCatalog(_dir));
        Assert.Contains("2028.json", unknown.Message);
        Assert.Contains("$.standards[0].passMark", unknown.Message);

        File.WriteAllText(Path.Combine(_dir, "2028.json"), """{ "year": 2029, "standards": [ { "version": "v", "minimumScore": 80 } ], "tiers": [ { "tier": "Province", "prerequisite": "National" } ] }""");
        var wrong = Assert.Throws<ReadinessRuleException>(() => new ReadinessRuleCatalog(_dir));
        Assert.Contains("字段 year「2029」与文件名不一致", wrong.Message);
        Assert.Contains("字段 tiers[0].prerequisite「National」应为低于 Province 的层级", wrong.Message);
    }

    [Fact]
    public void OnStart_AWrongRulesFile_FailsTheOptionsWithItsFileAndField()
    {
        File.WriteAllText(Path.Combine(_dir, "2027.json"), """{ "year": 2027, "standards": [ { "version": "GB/T 36132-2025", "minimumScore": 180 } ], "tiers": [ { "tier": "City" } ] }""");
        var result = new ReadinessOptionsValidator().Validate(null, new ReadinessOptions { RulesDirectory = _dir });
        Assert.True(result.Failed);
        Assert.Contains("Readiness:RulesDirectory", result.FailureMessage);
        Assert.Contains("2027.json", result.FailureMessage);
        Assert.Contains("字段 standards[0].minimumScore 应在 0 到 100 之间", result.FailureMessage);
        Assert.False(new ReadinessOptionsValidator().Validate(null, new ReadinessOptions { RulesDirectory = Path.Combine(ReadinessAssessorTests.RepoRoot(), "rules", "readiness") }).Failed);
    }
}
