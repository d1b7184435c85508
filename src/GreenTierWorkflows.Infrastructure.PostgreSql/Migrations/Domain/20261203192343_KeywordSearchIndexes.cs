using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_PoolMemberships_List\";");
            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_ApplicantName_Id",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_DistrictCode_ApplicantName_Id",
                table: "Nominations");
        }
    }
}
