using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class ReadinessFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GapFollowUps",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PoolMembershipId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CriterionKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Guidance = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Assignee = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GapFollowUps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GapFollowUps_DistrictCode",
                table: "GapFollowUps",
                column: "DistrictCode");

            migrationBuilder.CreateIndex(
                name: "IX_GapFollowUps_PoolMembershipId_CriterionKey",
                table: "GapFollowUps",
                columns: new[] { "PoolMembershipId", "CriterionKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GapFollowUps");
        }
    }
}
