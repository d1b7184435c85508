using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class MemberStandingSheet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows written before carry no checklist: their generation is forgotten, so the next refresh (the night's job, a
            // standing filter) writes every member again with it, and the workbook assesses its members until then.
            migrationBuilder.Sql("""DELETE FROM "MemberStandingGenerations";""");
            migrationBuilder.Sql("""DELETE FROM "MemberStandings";""");

            migrationBuilder.AddColumn<string>(
                name: "Checklist",
                table: "MemberStandings",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "CityGaps",
                table: "MemberStandings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NationalGaps",
                table: "MemberStandings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProvinceGaps",
                table: "MemberStandings",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Checklist",
                table: "MemberStandings");

            migrationBuilder.DropColumn(
                name: "CityGaps",
                table: "MemberStandings");

            migrationBuilder.DropColumn(
                name: "NationalGaps",
                table: "MemberStandings");

            migrationBuilder.DropColumn(
                name: "ProvinceGaps",
                table: "MemberStandings");
        }
    }
}
