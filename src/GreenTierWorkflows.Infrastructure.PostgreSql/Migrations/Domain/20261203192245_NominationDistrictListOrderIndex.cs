using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
{
    /// <inheritdoc />
    public partial class NominationDistrictListOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_DistrictCode_CreatedAt",
                table: "Nominations");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_Year_DistrictCode_CreatedAt_Id",
                table: "Nominations",
                columns: new[] { "Year", "DistrictCode", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_DistrictCode_CreatedAt_Id",
                table: "Nominations");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_Year_DistrictCode_CreatedAt",
                table: "Nominations",
                columns: new[] { "Year", "DistrictCode", "CreatedAt" });
        }
    }
}
