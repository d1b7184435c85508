namespace GreenTierWorkflows.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class PostgreSqlElsaApiCollection : ICollectionFixture<PostgreSqlElsaApiFixture>
{
    public const string Name = "ElsaApi on PostgreSQL";
}
