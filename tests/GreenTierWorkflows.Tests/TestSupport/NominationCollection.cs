namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="NominationFixture"/> (SQLite).</summary>
[CollectionDefinition(Name)]
public sealed class NominationCollection : ICollectionFixture<NominationFixture>
{
    public const string Name = "Nominations";
}
