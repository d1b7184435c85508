namespace GreenTierWorkflows.Tests.Accounts;

/// <summary><see cref="AccountManagementTests"/> on PostgreSQL (the disabled marker and the stamp checks on Npgsql).</summary>
public sealed class PostgreSqlAccountManagementTests : AccountManagementTests
{
    protected override AccountApp NewApp() => new(postgres: true);
}
