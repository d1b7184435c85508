using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
{
    /// <summary>
    /// The list searches' and the inbox's keyword index on PostgreSQL (SQLite's FTS5 trigram tables in KeywordSearchIndexes and
    /// InboxKeywordIndex): pg_trgm GIN indexes over the applicant's, the pool member's and the task's names and the enterprise's
    /// credit code, which answer KeywordIndex's <c>LIKE '%…%'</c>. pg_trgm ships with PostgreSQL (contrib) and is a trusted
    /// extension: a database owner may create it. No model change (EF Core models no operator-class index here).
    /// </summary>
    [DbContext(typeof(GreenTierDbContext))]
    [Migration("20261203222600_KeywordTrigramIndexes")]
    public partial class KeywordTrigramIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_Nominations_ApplicantName_Trgm" ON "Nominations" USING gin ("ApplicantName" gin_trgm_ops);
                CREATE INDEX "IX_PoolMemberships_MemberName_Trgm" ON "PoolMemberships" USING gin ("MemberName" gin_trgm_ops);
                CREATE INDEX "IX_ReviewTasks_ApplicantName_Trgm" ON "ReviewTasks" USING gin ("ApplicantName" gin_trgm_ops);
                CREATE INDEX "IX_Enterprises_CreditCode_Trgm" ON "Enterprises" USING gin ("CreditCode" gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extension stays: other objects of the database may use it.
            migrationBuilder.Sql("""
                DROP INDEX "IX_Nominations_ApplicantName_Trgm";
                DROP INDEX "IX_PoolMemberships_MemberName_Trgm";
                DROP INDEX "IX_ReviewTasks_ApplicantName_Trgm";
                DROP INDEX "IX_Enterprises_CreditCode_Trgm";
                """);
        }
    }
}
