using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class DashboardCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_Unsubmitted",
                table: "Nominations",
                columns: new[] { "Year", "DistrictCode", "Id" },
                filter: "\"SubmittedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DashboardCounts_Key",
                table: "DashboardCounts",
                columns: new[] { "Year", "Measure", "Stage", "DistrictCode", "Detail", "Count" });

            // The counts of the records there are (later saves keep them; see DashboardCountProjector).
            migrationBuilder.Sql(GreenTierWorkflows.Infrastructure.Domain.DashboardCountStore.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardCounts");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_Unsubmitted",
                table: "Nominations");
        }
    }
}
