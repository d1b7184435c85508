using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class NoticeRenderings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RenderedHtml",
                table: "OutboxNotices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenderedSubject",
                table: "OutboxNotices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenderedText",
                table: "OutboxNotices",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RenderedHtml",
                table: "OutboxNotices");

            migrationBuilder.DropColumn(
                name: "RenderedSubject",
                table: "OutboxNotices");

            migrationBuilder.DropColumn(
                name: "RenderedText",
                table: "OutboxNotices");
        }
    }
}
