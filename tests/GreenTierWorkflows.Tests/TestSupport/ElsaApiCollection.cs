namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="ElsaApiFixture"/> (SQLite).</summary>
[CollectionDefinition(Name)]
public sealed class ElsaApiCollection : ICollectionFixture<ElsaApiFixture>
{
    public const string Name = "ElsaApi";
}
