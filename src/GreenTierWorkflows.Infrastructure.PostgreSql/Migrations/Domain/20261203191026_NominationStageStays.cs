using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
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
                    NominationId = table.Column<string>(type: "text", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DistrictCode = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    Stage = table.Column<string>(type: "text", nullable: false),
                    First = table.Column<bool>(type: "boolean", nullable: false),
                    EnteredAt = table.Column<string>(type: "text", nullable: false),
                    LeftAt = table.Column<string>(type: "text", nullable: true),
                    Days = table.Column<double>(type: "double precision", nullable: true)
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
            migrationBuilder.Sql(GreenTierWorkflows.Infrastructure.Domain.StageStayBackfill.Sql(postgres: true));

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
