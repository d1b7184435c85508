using GreenTierWorkflows.Infrastructure.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <summary>
    /// The inbox keyword's index on SQLite: an FTS5 trigram table over the tasks' applicant names, kept by triggers as the
    /// list searches' (KeywordSearchIndexes) and filled from the tasks there. No model change (EF Core models no FTS table).
    /// </summary>
    [DbContext(typeof(GreenTierDbContext))]
    [Migration("20261203222500_InboxKeywordIndex")]
    public partial class InboxKeywordIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "TaskApplicantNames" USING fts5("ApplicantName", content='ReviewTasks', content_rowid='rowid', tokenize='trigram case_sensitive 1');
                CREATE TRIGGER "TaskApplicantNames_Insert" AFTER INSERT ON "ReviewTasks" BEGIN INSERT INTO "TaskApplicantNames"(rowid, "ApplicantName") VALUES (new.rowid, new."ApplicantName"); END;
                CREATE TRIGGER "TaskApplicantNames_Delete" AFTER DELETE ON "ReviewTasks" BEGIN INSERT INTO "TaskApplicantNames"("TaskApplicantNames", rowid, "ApplicantName") VALUES ('delete', old.rowid, old."ApplicantName"); END;
                CREATE TRIGGER "TaskApplicantNames_Update" AFTER UPDATE OF "ApplicantName" ON "ReviewTasks" BEGIN INSERT INTO "TaskApplicantNames"("TaskApplicantNames", rowid, "ApplicantName") VALUES ('delete', old.rowid, old."ApplicantName"); INSERT INTO "TaskApplicantNames"(rowid, "ApplicantName") VALUES (new.rowid, new."ApplicantName"); END;
                INSERT INTO "TaskApplicantNames"("TaskApplicantNames") VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "TaskApplicantNames_Insert";
                DROP TRIGGER IF EXISTS "TaskApplicantNames_Delete";
                DROP TRIGGER IF EXISTS "TaskApplicantNames_Update";
                DROP TABLE IF EXISTS "TaskApplicantNames";
                """);
        }
    }
}
