using Microsoft.AspNetCore.Hosting;

namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>
/// <see cref="NominationFixture"/> on a SQLite file of its own with a 2026 quota of 2, so the city's ranking tests own every
/// nomination waiting at 市级推荐 in that year (the shared fixture's other tests leave theirs there).
/// </summary>
public sealed class RecommendationFixture : NominationFixture
{
    public const int Year = 2026;
    public const int Quota = 2;

    protected override void ConfigureHost(IWebHostBuilder b)
    {
        base.ConfigureHost(b);
        b.UseSetting($"Nominations:ProvincialQuota:{Year}", Quota.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The test classes that share one <see cref="RecommendationFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RecommendationCollection : ICollectionFixture<RecommendationFixture>
{
    public const string Name = "Recommendations";
}
