using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The inbox reads open tasks of a role ordered by (DueAt IS NULL, DueAt, CreatedAt): an expression index in that
            // order lets a page be read in index order instead of sorting every open task of the role (EF Core models no
            // expression index, so it is written here, in SQL both SQLite and PostgreSQL accept). DistrictCode last makes
            // it cover the district filter and the count.
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_ReviewTasks_Inbox\" ON \"ReviewTasks\" (\"Status\", \"AssigneeRole\", (\"DueAt\" IS NULL), \"DueAt\", \"CreatedAt\", \"DistrictCode\");");

            migrationBuilder.DropIndex(
                name: "IX_ReviewTasks_Status_AssigneeRole_DistrictCode_DueAt",
                table: "ReviewTasks");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_EnterpriseId",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_ParkId",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_DistrictCode",
                table: "Nominations");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewTasks_Status_DueAt",
                table: "ReviewTasks",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_CreatedAt",
                table: "Nominations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_EnterpriseId_Year_Type",
                table: "Nominations",
                columns: new[] { "EnterpriseId", "Year", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_ParkId_Year_Type",
                table: "Nominations",
                columns: new[] { "ParkId", "Year", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_Year_DistrictCode_CreatedAt",
                table: "Nominations",
                columns: new[] { "Year", "DistrictCode", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_ReviewTasks_Inbox\";");

            migrationBuilder.DropIndex(
                name: "IX_ReviewTasks_Status_DueAt",
                table: "ReviewTasks");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_CreatedAt",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_EnterpriseId_Year_Type",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_ParkId_Year_Type",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_DistrictCode_CreatedAt",
                table: "Nominations");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewTasks_Status_AssigneeRole_DistrictCode_DueAt",
                table: "ReviewTasks",
                columns: new[] { "Status", "AssigneeRole", "DistrictCode", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_EnterpriseId",
                table: "Nominations",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_ParkId",
                table: "Nominations",
                column: "ParkId");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_Year_DistrictCode",
                table: "Nominations",
                columns: new[] { "Year", "DistrictCode" });
        }
    }
}
