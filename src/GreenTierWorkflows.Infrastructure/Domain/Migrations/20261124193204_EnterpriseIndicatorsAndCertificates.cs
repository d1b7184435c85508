using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class EnterpriseIndicatorsAndCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Certifications",
                table: "Enterprises",
                type: "TEXT",
                nullable: true);
            migrationBuilder.Sql("UPDATE \"Enterprises\" SET \"Certifications\" = '[]' WHERE \"Certifications\" IS NULL;");

            migrationBuilder.AddColumn<double>(
                name: "RenewableEnergyPercent",
                table: "Enterprises",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SolidWasteUtilisationPercent",
                table: "Enterprises",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "UnitProductEnergy",
                table: "Enterprises",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "WaterWithdrawal",
                table: "Enterprises",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Certifications",
                table: "Enterprises");

            migrationBuilder.DropColumn(
                name: "RenewableEnergyPercent",
                table: "Enterprises");

            migrationBuilder.DropColumn(
                name: "SolidWasteUtilisationPercent",
                table: "Enterprises");

            migrationBuilder.DropColumn(
                name: "UnitProductEnergy",
                table: "Enterprises");

            migrationBuilder.DropColumn(
                name: "WaterWithdrawal",
                table: "Enterprises");
        }
    }
}
