namespace GreenTierWorkflows.Tests.TestSupport;

/// <summary>The same app on a fresh PostgreSQL database (scale-out mode's EF Core provider), for the tests run on both.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlRegistryCollection : ICollectionFixture<PostgreSqlRegistryFixture>
{
    public const string Name = "Registry on PostgreSQL";
}
