namespace GreenTierWorkflows.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class ElsaApiCollection : ICollectionFixture<ElsaApiFixture>
{
    public const string Name = "ElsaApi";
}
