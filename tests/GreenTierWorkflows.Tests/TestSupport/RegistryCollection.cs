namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="RegistryFixture"/> (SQLite).</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "Registry";
}
