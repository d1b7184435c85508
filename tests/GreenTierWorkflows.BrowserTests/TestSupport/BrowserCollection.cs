namespace GreenTierWorkflows.BrowserTests.TestSupport;

/// <summary>All browser tests share one browser and run one at a time (2 cores; Studio boots slowly).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
