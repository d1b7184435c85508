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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_ApplicantName_Id",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_Year_DistrictCode_ApplicantName_Id",
                table: "Nominations");
        }
    }
}
