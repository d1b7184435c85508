using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class NominationStageStays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NominationStageStays",
                columns: table => new
                {
                    NominationId = table.Column<string>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", nullable: false),
                    First = table.Column<bool>(type: "INTEGER", nullable: false),
                    EnteredAt = table.Column<string>(type: "TEXT", nullable: false),
                    LeftAt = table.Column<string>(type: "TEXT", nullable: true),
                    Days = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NominationStageStays", x => new { x.NominationId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_NominationStageStays_Nominations_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The stays of the history written before the projection existed, set-based, before the indexes are built.
            migrationBuilder.Sql(GreenTierWorkflows.Infrastructure.Domain.StageStayBackfill.Sql(postgres: false));

            migrationBuilder.CreateIndex(
                name: "IX_NominationStageStays_City",
                table: "NominationStageStays",
                columns: new[] { "Year", "Stage", "Days", "First" });

            migrationBuilder.CreateIndex(
                name: "IX_NominationStageStays_District",
                table: "NominationStageStays",
                columns: new[] { "Year", "DistrictCode", "Stage", "Days", "First" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NominationStageStays");
        }
    }
}
