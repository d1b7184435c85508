using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
{
    /// <inheritdoc />
    public partial class OfficialMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OfficialMessages",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecipientUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    NoticeId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    NominationId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<string>(type: "text", nullable: false),
                    ReadAt = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficialMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OfficialMessages_NoticeId",
                table: "OfficialMessages",
                column: "NoticeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfficialMessages_RecipientUserId_CreatedAt",
                table: "OfficialMessages",
                columns: new[] { "RecipientUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficialMessages_RecipientUserId_ReadAt",
                table: "OfficialMessages",
                columns: new[] { "RecipientUserId", "ReadAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficialMessages");
        }
    }
}
