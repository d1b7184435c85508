namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="PostgreSqlElsaApiFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlElsaApiCollection : ICollectionFixture<PostgreSqlElsaApiFixture>
{
    public const string Name = "ElsaApi on PostgreSQL";
}
