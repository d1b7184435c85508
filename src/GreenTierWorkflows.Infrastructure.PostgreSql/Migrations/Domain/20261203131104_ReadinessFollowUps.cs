using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
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
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PoolMembershipId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CriterionKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Guidance = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Assignee = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<string>(type: "text", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
