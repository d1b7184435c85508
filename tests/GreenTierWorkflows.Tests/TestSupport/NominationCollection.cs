namespace GreenTierWorkflows.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class NominationCollection : ICollectionFixture<NominationFixture>
{
    public const string Name = "Nominations";
}
