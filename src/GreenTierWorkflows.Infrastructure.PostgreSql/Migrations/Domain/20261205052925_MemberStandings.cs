using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
{
    /// <inheritdoc />
    public partial class MemberStandings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberStandingGenerations",
                columns: table => new
                {
                    Generation = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    BuiltAt = table.Column<string>(type: "text", nullable: false),
                    Members = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberStandingGenerations", x => x.Generation);
                });

            migrationBuilder.CreateTable(
                name: "MemberStandingInvalidations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Subject = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberStandingInvalidations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MemberStandings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Generation = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    DistrictCode = table.Column<string>(type: "text", nullable: false),
                    MemberName = table.Column<string>(type: "text", nullable: false),
                    TargetType = table.Column<string>(type: "text", nullable: false),
                    City = table.Column<int>(type: "integer", nullable: true),
                    Province = table.Column<int>(type: "integer", nullable: true),
                    National = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberStandings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MemberStandings_City",
                table: "MemberStandings",
                columns: new[] { "Generation", "City", "DistrictCode", "MemberName", "Id", "TargetType" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberStandings_National",
                table: "MemberStandings",
                columns: new[] { "Generation", "National", "DistrictCode", "MemberName", "Id", "TargetType" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberStandings_Province",
                table: "MemberStandings",
                columns: new[] { "Generation", "Province", "DistrictCode", "MemberName", "Id", "TargetType" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberStandingGenerations");

            migrationBuilder.DropTable(
                name: "MemberStandingInvalidations");

            migrationBuilder.DropTable(
                name: "MemberStandings");
        }
    }
}
