
namespace GreenTierWorkflows.Tests.Audit;

/// <summary>The security-audit tests get an app of their own, so the rows they filter and export are theirs alone.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityAuditCollection : ICollectionFixture<NominationFixture>
{
    public const string Name = "Security audit";
}

/// <summary>The same on PostgreSQL (its append-only trigger).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlSecurityAuditCollection : ICollectionFixture<PostgreSqlNominationFixture>
{
    public const string Name = "Security audit on PostgreSQL";
}
