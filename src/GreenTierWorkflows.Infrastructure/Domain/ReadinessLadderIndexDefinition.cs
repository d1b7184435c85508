namespace GreenTierWorkflows.Infrastructure.Domain;

/// <summary>
/// 培育梯度's order as an index, the same on SQLite and PostgreSQL (migration <c>ReadinessLadderIndex</c> of each set): the
/// active pool members (a partial index, <c>ExitedAt</c> null) by district, name and id, with the year, enterprise, park, type
/// and exit columns the ladder's filter reads, so a page is read in index order and its count from the index alone
/// (ReadinessService.Members). Kept out of the EF model, as the pool list's index.
/// </summary>
public static class ReadinessLadderIndexDefinition
{
    public const string Name = "IX_PoolMemberships_Ladder";

    public const string Create = $"""
        CREATE INDEX "{Name}" ON "PoolMemberships" ("DistrictCode", "MemberName", "Id", "Year", "EnterpriseId", "ParkId", "TargetType", "ExitedAt") WHERE "ExitedAt" IS NULL;
        """;

    public const string Drop = $"""DROP INDEX "{Name}";""";
}
