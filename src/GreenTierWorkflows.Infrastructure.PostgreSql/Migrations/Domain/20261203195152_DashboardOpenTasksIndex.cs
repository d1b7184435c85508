using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
{
    /// <inheritdoc />
    public partial class DashboardOpenTasksIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ReviewTasks_Dashboard",
                table: "ReviewTasks",
                columns: new[] { "Status", "Year", "Stage", "CreatedAt", "Id", "DistrictCode", "AssigneeRole", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewTasks_Dashboard",
                table: "ReviewTasks");
        }
    }
}
