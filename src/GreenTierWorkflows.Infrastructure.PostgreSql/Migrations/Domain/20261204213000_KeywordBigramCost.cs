using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain;

/// <summary>
/// <c>keyword_bigrams(name)</c> priced as what it is (≈ 9 µs a name: a sorted set built per call) instead of a SQL function's
/// default cost of 100. At that default the planner filtered a district's year through the applicant-name index and called
/// the function for each of its 12,500 names (a 2-character keyword's count: 117 ms at 100,000 nominations) rather than read
/// the GIN index it exists for (22 ms). SQLite has no such function (its bigram tables are kept by triggers).
/// </summary>
[DbContext(typeof(GreenTierDbContext))]
[Migration("20261204213000_KeywordBigramCost")]
public sealed class KeywordBigramCost : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("ALTER FUNCTION keyword_bigrams(text) COST 1000;");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("ALTER FUNCTION keyword_bigrams(text) COST 100;");
}
