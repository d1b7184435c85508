using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
{
    /// <summary>
    /// The 2-character keyword's index on PostgreSQL (pg_trgm finds no trigram in two characters): <c>keyword_bigrams(name)</c>,
    /// the set of a name's two consecutive characters, and a GIN index on it per indexed name, which answers
    /// KeywordIndex's <c>keyword_bigrams(name) @> ARRAY[keyword]</c>. PostgreSQL keeps an expression index itself (no
    /// trigger, no backfill beyond the CREATE INDEX). The function names pg_catalog's functions, so it means the same
    /// whatever the search_path of a restore or a later session. No model change.
    /// </summary>
    [DbContext(typeof(GreenTierDbContext))]
    [Migration("20261204115244_KeywordBigramIndexes")]
    public partial class KeywordBigramIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION keyword_bigrams(s text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                  SELECT coalesce(pg_catalog.array_agg(DISTINCT pg_catalog.substr(s, i, 2)), '{}'::text[])
                  FROM pg_catalog.generate_series(1, pg_catalog.length(s) - 1) AS i
                $$;
                CREATE INDEX "IX_Nominations_ApplicantName_Bigrams" ON "Nominations" USING gin (keyword_bigrams("ApplicantName"));
                CREATE INDEX "IX_PoolMemberships_MemberName_Bigrams" ON "PoolMemberships" USING gin (keyword_bigrams("MemberName"));
                CREATE INDEX "IX_ReviewTasks_ApplicantName_Bigrams" ON "ReviewTasks" USING gin (keyword_bigrams("ApplicantName"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Nominations_ApplicantName_Bigrams";
                DROP INDEX "IX_PoolMemberships_MemberName_Bigrams";
                DROP INDEX "IX_ReviewTasks_ApplicantName_Bigrams";
                DROP FUNCTION keyword_bigrams(text);
                """);
        }
    }
}
