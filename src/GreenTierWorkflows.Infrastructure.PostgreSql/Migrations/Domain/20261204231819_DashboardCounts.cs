using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DistrictCode = table.Column<string>(type: "text", nullable: false),
                    Measure = table.Column<string>(type: "text", nullable: false),
                    Stage = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
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
