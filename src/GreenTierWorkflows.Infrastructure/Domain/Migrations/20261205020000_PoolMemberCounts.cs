using GreenTierWorkflows.Domain.Nominations;
using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations;

/// <summary>
/// The pool members' counts (<see cref="DashboardMeasures.PoolMembers"/>) join the dashboard's counts: every measure is counted
/// afresh (<see cref="DashboardCountStore.RebuildSql"/>); no model change.
/// </summary>
[DbContext(typeof(GreenTierDbContext))]
[Migration("20261205020000_PoolMemberCounts")]
public sealed class PoolMemberCounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DashboardCountStore.RebuildSql);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"""DELETE FROM "DashboardCounts" WHERE "Measure" = '{DashboardMeasures.PoolMembers}';""");
}
