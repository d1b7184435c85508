using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class KeywordSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Nominations_Year_ApplicantName_Id",
                table: "Nominations",
                columns: new[] { "Year", "ApplicantName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_Year_DistrictCode_ApplicantName_Id",
                table: "Nominations",
                columns: new[] { "Year", "DistrictCode", "ApplicantName", "Id" });

            // The pool list's order (year, district, active before exited, name, id) as an expression index: SQL of its own
            // because the model cannot name an expression column (as IX_ReviewTasks_Inbox).
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_PoolMemberships_List\" ON \"PoolMemberships\" (\"Year\", \"DistrictCode\", (\"ExitedAt\" IS NOT NULL), \"MemberName\", \"Id\");");

            // The list searches' keyword index (FTS5 trigram tables and the triggers that keep them), filled from the rows there
            // (frozen: written out as they ran when this migration was made, so a later change of KeywordIndex cannot alter it).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "NominationNames" USING fts5("ApplicantName", content='Nominations', content_rowid='rowid', tokenize='trigram case_sensitive 1');
                CREATE TRIGGER "NominationNames_Insert" AFTER INSERT ON "Nominations" BEGIN INSERT INTO "NominationNames"(rowid, "ApplicantName") VALUES (new.rowid, new."ApplicantName"); END;
                CREATE TRIGGER "NominationNames_Delete" AFTER DELETE ON "Nominations" BEGIN INSERT INTO "NominationNames"("NominationNames", rowid, "ApplicantName") VALUES ('delete', old.rowid, old."ApplicantName"); END;
                CREATE TRIGGER "NominationNames_Update" AFTER UPDATE OF "ApplicantName" ON "Nominations" BEGIN INSERT INTO "NominationNames"("NominationNames", rowid, "ApplicantName") VALUES ('delete', old.rowid, old."ApplicantName"); INSERT INTO "NominationNames"(rowid, "ApplicantName") VALUES (new.rowid, new."ApplicantName"); END;
                INSERT INTO "NominationNames"("NominationNames") VALUES ('rebuild');
                CREATE VIRTUAL TABLE "PoolMemberNames" USING fts5("MemberName", content='PoolMemberships', content_rowid='rowid', tokenize='trigram case_sensitive 1');
                CREATE TRIGGER "PoolMemberNames_Insert" AFTER INSERT ON "PoolMemberships" BEGIN INSERT INTO "PoolMemberNames"(rowid, "MemberName") VALUES (new.rowid, new."MemberName"); END;
                CREATE TRIGGER "PoolMemberNames_Delete" AFTER DELETE ON "PoolMemberships" BEGIN INSERT INTO "PoolMemberNames"("PoolMemberNames", rowid, "MemberName") VALUES ('delete', old.rowid, old."MemberName"); END;
                CREATE TRIGGER "PoolMemberNames_Update" AFTER UPDATE OF "MemberName" ON "PoolMemberships" BEGIN INSERT INTO "PoolMemberNames"("PoolMemberNames", rowid, "MemberName") VALUES ('delete', old.rowid, old."MemberName"); INSERT INTO "PoolMemberNames"(rowid, "MemberName") VALUES (new.rowid, new."MemberName"); END;
                INSERT INTO "PoolMemberNames"("PoolMemberNames") VALUES ('rebuild');
                CREATE VIRTUAL TABLE "EnterpriseCodes" USING fts5("CreditCode", content='Enterprises', content_rowid='rowid', tokenize='trigram case_sensitive 1');
                CREATE TRIGGER "EnterpriseCodes_Insert" AFTER INSERT ON "Enterprises" BEGIN INSERT INTO "EnterpriseCodes"(rowid, "CreditCode") VALUES (new.rowid, new."CreditCode"); END;
                CREATE TRIGGER "EnterpriseCodes_Delete" AFTER DELETE ON "Enterprises" BEGIN INSERT INTO "EnterpriseCodes"("EnterpriseCodes", rowid, "CreditCode") VALUES ('delete', old.rowid, old."CreditCode"); END;
                CREATE TRIGGER "EnterpriseCodes_Update" AFTER UPDATE OF "CreditCode" ON "Enterprises" BEGIN INSERT INTO "EnterpriseCodes"("EnterpriseCodes", rowid, "CreditCode") VALUES ('delete', old.rowid, old."CreditCode"); INSERT INTO "EnterpriseCodes"(rowid, "CreditCode") VALUES (new.rowid, new."CreditCode"); END;
                INSERT INTO "EnterpriseCodes"("EnterpriseCodes") VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_PoolMemberships_List\";");
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "NominationNames_Insert";
                DROP TRIGGER IF EXISTS "NominationNames_Delete";
                DROP TRIGGER IF EXISTS "NominationNames_Update";
                DROP TABLE IF EXISTS "NominationNames";
                DROP TRIGGER IF EXISTS "PoolMemberNames_Insert";
                DROP TRIGGER IF EXISTS "PoolMemberNames_Delete";
                DROP TRIGGER IF EXISTS "PoolMemberNames_Update";
                DROP TABLE IF EXISTS "PoolMemberNames";
                DROP TRIGGER IF EXISTS "EnterpriseCodes_Insert";
                DROP TRIGGER IF EXISTS "EnterpriseCodes_Delete";
                DROP TRIGGER IF EXISTS "EnterpriseCodes_Update";
                DROP TABLE IF EXISTS "EnterpriseCodes";
                """);

            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_ApplicantName_Id",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_DistrictCode_ApplicantName_Id",
                table: "Nominations");
        }
    }
}
