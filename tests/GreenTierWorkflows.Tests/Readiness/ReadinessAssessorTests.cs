using GreenTierWorkflows.Application.Readiness;
using GreenTierWorkflows.Domain.Calendar;
using GreenTierWorkflows.Domain.Listings;
using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Domain.Pools;
using GreenTierWorkflows.Domain.Registry;
using GreenTierWorkflows.Domain.Windows;
using Microsoft.Extensions.Time.Testing;

namespace GreenTierWorkflows.Tests.Readiness;

/// <summary>
/// Each readiness criterion against the repository's own rules files (rules/readiness/2026.json and 2027.json), on a fixed
/// date (2027-03-01 in Huangshan) and the round's windows: 市级 05-10…05-31, 省级/国家级 06-11…06-30.
/// </summary>
public sealed class ReadinessAssessorTests
{
    private static readonly ReadinessRuleCatalog Catalog = new(Path.Combine(RepoRoot(), "rules", "readiness"));
    private static readonly ReadinessRules Rules2027 = Catalog.For(2027);
    private readonly FakeTimeProvider _clock = new(ChinaTime.At(new DateOnly(2027, 3, 1), new TimeOnly(9, 0)));

    private static readonly Dictionary<Tier, DeclarationWindow> Windows = new()
    {
        [Tier.City] = Window(Tier.City, new(2027, 5, 10), new(2027, 5, 31)),
        [Tier.Province] = Window(Tier.Province, new(2027, 6, 11), new(2027, 6, 30)),
        [Tier.National] = Window(Tier.National, new(2027, 6, 11), new(2027, 6, 30)),
    };

    [Fact]
    public void ACertificateExpiringBeforeTheProvincialWindow_IsExpiringThere_ButMetForTheCityWindow()
    {
        var facts = Ready(e => e.Certifications.Single(c => c.Standard == "GB/T 45001").ExpiresOn = new DateOnly(2027, 6, 1), cityListed: true);

        var cells = Assess(facts);

        var province = Criterion(cells, Tier.Province, "certificate:GB/T 45001");
        Assert.Equal(ReadinessState.ExpiresBeforeWindow, province.State);
        Assert.Equal("GB/T 45001 证书 2027-06-01 到期，早于省级申报窗口开启（2027-06-11）。", province.Evidence);
        Assert.Equal(TierStanding.Gaps, Cell(cells, Tier.Province).Standing);
        Assert.Equal("差 1 项", ReadinessText.Of(Cell(cells, Tier.Province)));
        Assert.Equal(TierStanding.Listed, Cell(cells, Tier.City).Standing);
    }

    [Fact]
    public void ACertificateExpiringDuringTheWindow_IsExpiring_AnExpiredOne_IsMissing_AnAbsentOne_IsMissing()
    {
        var facts = Ready(e =>
        {
            e.Certifications.Single(c => c.Standard == "GB/T 19001").ExpiresOn = new DateOnly(2027, 6, 20);
            e.Certifications.Single(c => c.Standard == "GB/T 24001").ExpiresOn = new DateOnly(2027, 2, 1);
            e.Certifications.RemoveAll(c => c.Standard == "GB/T 23331");
        }, cityListed: true);

        var cells = Assess(facts);

        Assert.Equal("GB/T 19001 证书 2027-06-20 到期，早于省级申报截止（2027-06-30）。", Criterion(cells, Tier.Province, "certificate:GB/T 19001").Evidence);
        var expired = Criterion(cells, Tier.Province, "certificate:GB/T 24001");
        Assert.Equal((ReadinessState.Missing, "GB/T 24001 证书 已于 2027-02-01 到期，请督促企业完成再认证。"), (expired.State, expired.Evidence));
        var absent = Criterion(cells, Tier.Province, "certificate:GB/T 23331");
        Assert.Equal(ReadinessState.Missing, absent.State);
        Assert.Contains("ISO 50001", absent.Evidence);
        Assert.Equal("差 3 项", ReadinessText.Of(Cell(cells, Tier.Province)));
    }

    [Fact]
    public void AnIsoEquivalentCertificate_Counts()
    {
        var facts = Ready(e => e.Certifications.Single(c => c.Standard == "GB/T 45001").Standard = "ISO 45001", cityListed: true);
        Assert.Equal(ReadinessState.Met, Criterion(Assess(facts), Tier.Province, "certificate:GB/T 45001").State);
    }

    [Fact]
    public void TheLadder_ProvincialNeedsTheCityList_NationalNeedsTheProvincialList()
    {
        var notListed = Assess(Ready());
        Assert.Equal(TierStanding.Ready, Cell(notListed, Tier.City).Standing);
        Assert.Equal(TierStanding.NotEligible, Cell(notListed, Tier.Province).Standing);
        var ladder = Criterion(notListed, Tier.Province, ReadinessCriteria.Ladder);
        Assert.Equal("省级申报须已列入市级名单，「黄山测试茶业有限公司」尚未列入。", ladder.Evidence);
        Assert.Equal("不符合条件", ReadinessText.Of(Cell(notListed, Tier.Province)));

        var cityListed = Assess(Ready(cityListed: true));
        Assert.Equal(TierStanding.Listed, Cell(cityListed, Tier.City).Standing);
        Assert.Equal(TierStanding.Ready, Cell(cityListed, Tier.Province).Standing);
        Assert.Equal("2025 年列入市级名单（2025-11-20）。", Criterion(cityListed, Tier.Province, ReadinessCriteria.Ladder).Evidence);
        Assert.Equal(TierStanding.NotEligible, Cell(cityListed, Tier.National).Standing);
        Assert.Contains("国家级申报须已列入省级名单", Criterion(cityListed, Tier.National, ReadinessCriteria.Ladder).Evidence);
    }

    [Fact]
    public void TheNegativeList_AnItemDeclaredWithinThreeYears_Bars()
    {
        var facts = Ready(cityListed: true);
        facts.Nominations[0].NegativeList.Single(d => d.Item == 6).Clear = false;
        facts.Nominations[0].NegativeList.Single(d => d.Item == 6).Evidence = "2026 年 3 月列入失信被执行人名单";

        var cells = Assess(facts);

        var negative = Criterion(cells, Tier.Province, ReadinessCriteria.NegativeList);
        Assert.Equal(ReadinessState.Missing, negative.State);
        Assert.Equal("2026-05-20 自查涉及负面清单第 6 项「被列为失信被执行人」（2026 年 3 月列入失信被执行人名单），3 年内不得申报。", negative.Evidence);
        Assert.Equal(TierStanding.NotEligible, Cell(cells, Tier.Province).Standing);
    }

    [Fact]
    public void TheNegativeList_ARemovalWithinThreeYears_Bars_AnOlderSelfCheck_IsUnknown()
    {
        var facts = Ready(cityListed: true);
        ((List<Listing>)facts.Listings).Add(new Listing { Type = NominationType.GreenFactory, Tier = Tier.Province, Year = 2023, ListedOn = new(2023, 12, 1), Status = ListingStatus.Revoked,
            RevokedAt = ChinaTime.At(new DateOnly(2025, 4, 30), TimeOnly.MinValue), RevocationReason = "未填报动态管理表" });
        var removed = Criterion(Assess(facts), Tier.Province, ReadinessCriteria.NegativeList);
        Assert.Equal(ReadinessState.Missing, removed.State);
        Assert.StartsWith("2025-04-30 被移出省级名单（负面清单第 3 项", removed.Evidence);

        var old = Ready(cityListed: true);
        old.Nominations[0].CreatedAt = ChinaTime.At(new DateOnly(2024, 2, 28), TimeOnly.MinValue); // more than 3 years before 2027-03-01
        var unknown = Criterion(Assess(old), Tier.Province, ReadinessCriteria.NegativeList);
        Assert.Equal(ReadinessState.Unknown, unknown.State);
        Assert.Equal(TierStanding.Gaps, Cell(Assess(old), Tier.Province).Standing);
    }

    [Fact]
    public void AFactoryOutsideManufacturing_IsNotEligible()
    {
        var cells = Assess(Ready(e => e.IndustryCode = "D4411"));
        var manufacturing = Criterion(cells, Tier.City, ReadinessCriteria.Manufacturing);
        Assert.Equal(ReadinessState.Missing, manufacturing.State);
        Assert.Contains("D4411", manufacturing.Evidence);
        Assert.Equal(TierStanding.NotEligible, Cell(cells, Tier.City).Standing);
    }

    [Fact]
    public void TheScore_AgainstTheThresholdOfItsStandard_AndTheRoundsAcceptedVersions()
    {
        var low = Ready(cityListed: true);
        low.Nominations[0].Score = 76.5m;
        Assert.Equal("2026 年按 GB/T 36132-2025 评价得 76.5 分，低于门槛 80 分。", Criterion(Assess(low), Tier.Province, ReadinessCriteria.Score).Evidence);

        var old = Ready(cityListed: true);
        old.Nominations[0].StandardVersion = "GB/T 36132-2018";
        var in2027 = Criterion(Assess(old), Tier.Province, ReadinessCriteria.Score);
        Assert.Equal((ReadinessState.Missing, "2026 年按 GB/T 36132-2018 评价得 86 分；2027 年度须按 GB/T 36132-2025 重新评价。"), (in2027.State, in2027.Evidence));
        var assessor = new ReadinessAssessor(_clock);
        var in2026 = assessor.Assess(Catalog.For(2026), old, Windows);
        Assert.Equal(ReadinessState.Met, Criterion(in2026, Tier.Province, ReadinessCriteria.Score).State);

        var none = Ready(cityListed: true);
        none.Nominations[0].Score = null;
        Assert.Equal(ReadinessState.Unknown, Criterion(Assess(none), Tier.Province, ReadinessCriteria.Score).State);
    }

    [Fact]
    public void Energy_AgainstTheIndustrysBenchmark_OnlyWhereOneIsEntered()
    {
        var high = Assess(Ready(e => e.UnitProductEnergy = 0.42m, cityListed: true));
        var energy = Criterion(high, Tier.Province, ReadinessCriteria.Energy);
        Assert.Equal((ReadinessState.Missing, "单位产品能耗 0.42 tce/t，高于C15 酒、饮料和精制茶制造业基准值 0.35 tce/t。"), (energy.State, energy.Evidence));

        Assert.Equal(ReadinessState.Unknown, Criterion(Assess(Ready(e => e.UnitProductEnergy = null)), Tier.City, ReadinessCriteria.Energy).State);
        var noBenchmark = Assess(Ready(e => e.IndustryCode = "C3670"));
        Assert.DoesNotContain(Cell(noBenchmark, Tier.City).Criteria, c => c.Key == ReadinessCriteria.Energy);
    }

    [Fact]
    public void TheAnnualReport_Overdue_IsMissing_DueBeforeTheWindow_IsExpiring()
    {
        var overdue = Ready(cityListed: true);
        overdue.Listings[0].LastAnnualReportYear = null; // listed 2025: the 2026 table was due 2026-04-15
        var missing = Criterion(Assess(overdue), Tier.Province, ReadinessCriteria.AnnualReport);
        Assert.Equal((ReadinessState.Missing, "市级名单单位 2026 年动态管理表应于 2026-04-15 前填报，尚未填报。"), (missing.State, missing.Evidence));

        var filed = Ready(cityListed: true);
        filed.Listings[0].LastAnnualReportYear = 2026;
        var due = Criterion(Assess(filed), Tier.Province, ReadinessCriteria.AnnualReport);
        Assert.Equal((ReadinessState.ExpiresBeforeWindow, "市级名单单位 2027 年动态管理表须于 2027-04-15 前填报，早于省级申报窗口开启（2027-06-11）。"), (due.State, due.Evidence));
    }

    [Fact]
    public void TheReview_DueBeforeTheWindow_IsExpiring_Overdue_IsMissing()
    {
        var dueSoon = Ready(cityListed: true);
        dueSoon.Listings[0].ListedOn = new DateOnly(2024, 6, 1);
        var review = Criterion(Assess(dueSoon), Tier.Province, ReadinessCriteria.Review);
        Assert.Equal((ReadinessState.ExpiresBeforeWindow, "2024-06-01 列入市级名单，复审于 2027-06-01 到期，早于省级申报窗口开启（2027-06-11）。"), (review.State, review.Evidence));

        var overdue = Ready(cityListed: true);
        overdue.Listings[0].ListedOn = new DateOnly(2023, 12, 1);
        Assert.Equal(ReadinessState.Missing, Criterion(Assess(overdue), Tier.Province, ReadinessCriteria.Review).State);
    }

    [Fact]
    public void AnEarlierRejection_IsAGapToWorkOn()
    {
        var facts = Ready(cityListed: true);
        ((List<Nomination>)facts.Nominations).Add(new Nomination { Type = NominationType.GreenFactory, TargetTier = Tier.Province, Year = 2026, Status = NominationStatus.Rejected, Stage = "市级评审",
            CreatedAt = ChinaTime.At(new DateOnly(2026, 6, 12), TimeOnly.MinValue), UpdatedAt = ChinaTime.At(new DateOnly(2026, 7, 20), TimeOnly.MinValue) });
        var history = Criterion(Assess(facts), Tier.Province, ReadinessCriteria.History);
        Assert.Equal((ReadinessState.Missing, "2026 年省级申报于 2026-07-20 未通过（市级评审），再次申报前请对照评审意见完成整改。"), (history.State, history.Evidence));
        Assert.Equal(TierStanding.Gaps, Cell(Assess(facts), Tier.Province).Standing);
    }

    [Fact]
    public void WithoutAWindow_ACertificateValidToday_IsUnknown()
    {
        var cells = new ReadinessAssessor(_clock).Assess(Rules2027, Ready(cityListed: true), new Dictionary<Tier, DeclarationWindow>());
        Assert.Equal(ReadinessState.Unknown, Criterion(cells, Tier.Province, "certificate:GB/T 19001").State);
        Assert.Null(Cell(cells, Tier.Province).WindowOpensOn);
    }

    private IReadOnlyList<TierReadiness> Assess(MemberFacts facts) => new ReadinessAssessor(_clock).Assess(Rules2027, facts, Windows);

    private static TierReadiness Cell(IReadOnlyList<TierReadiness> cells, Tier tier) => cells.Single(c => c.Tier == tier);

    private static CriterionResult Criterion(IReadOnlyList<TierReadiness> cells, Tier tier, string key) =>
        Cell(cells, tier).Criteria.SingleOrDefault(c => c.Key == key) ?? throw new Xunit.Sdk.XunitException(
            $"{tier} 无条件 {key}；有：{string.Join("、", Cell(cells, tier).Criteria.Select(c => c.Key))}");

    /// <summary>A member that meets every criterion of the city tier (and, listed at city level, of the provincial tier), changed by <paramref name="change"/>.</summary>
    private static MemberFacts Ready(Action<Enterprise>? change = null, bool cityListed = false)
    {
        var enterprise = new Enterprise
        {
            Id = "e1", Name = "黄山测试茶业有限公司", DistrictCode = "341002", IndustryCode = "C1530", UnitProductEnergy = 0.3m,
            Certifications =
            [
                new() { Standard = "GB/T 19001", ExpiresOn = new(2028, 12, 31) },
                new() { Standard = "GB/T 24001", ExpiresOn = new(2028, 12, 31) },
                new() { Standard = "GB/T 45001", ExpiresOn = new(2028, 12, 31) },
                new() { Standard = "GB/T 23331", ExpiresOn = new(2028, 12, 31) },
            ],
        };
        change?.Invoke(enterprise);
        var member = new PoolMembership { Id = "m1", DistrictCode = "341002", Year = 2027, EnterpriseId = "e1", MemberName = enterprise.Name, TargetType = NominationType.GreenFactory };
        var nomination = new Nomination
        {
            Id = "n1", Type = NominationType.GreenFactory, TargetTier = Tier.City, Year = 2026, EnterpriseId = "e1", Status = NominationStatus.Listed,
            StandardVersion = "GB/T 36132-2025", Score = 86m, CreatedAt = ChinaTime.At(new DateOnly(2026, 5, 20), TimeOnly.MinValue),
            UpdatedAt = ChinaTime.At(new DateOnly(2026, 11, 1), TimeOnly.MinValue),
            NegativeList = [.. Enumerable.Range(1, 6).Select(i => new NegativeListDeclaration { Item = i, Clear = true })],
        };
        var listings = new List<Listing>();
        if (cityListed)
            listings.Add(new Listing { Type = NominationType.GreenFactory, Tier = Tier.City, Year = 2025, ListedOn = new(2025, 11, 20), Status = ListingStatus.Active, LastAnnualReportYear = 2027 });
        return new MemberFacts(member, enterprise, listings, new List<Nomination> { nomination });
    }

    private static DeclarationWindow Window(Tier tier, DateOnly opens, DateOnly closes) => new()
    {
        Year = 2027, Type = NominationType.GreenFactory, Tier = tier, OpensAt = ChinaTime.StartOf(opens),
        ClosesAt = ChinaTime.At(closes, new TimeOnly(23, 59)), DistrictDeadline = ChinaTime.At(closes.AddDays(8), TimeOnly.MinValue),
    };

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GreenTierWorkflows.sln"))) return dir.FullName;
        throw new InvalidOperationException("找不到仓库根目录（GreenTierWorkflows.sln）。");
    }
}
