using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain;

/// <summary>The ladder's index (<see cref="ReadinessLadderIndexDefinition"/>); no model change.</summary>
[DbContext(typeof(GreenTierDbContext))]
[Migration("20261204210100_ReadinessLadderIndex")]
public sealed class ReadinessLadderIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ReadinessLadderIndexDefinition.Create);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ReadinessLadderIndexDefinition.Drop);
}
