using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
{
    /// <inheritdoc />
    public partial class Documents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GeneratedDocuments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    NominationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DataVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GeneratedAt = table.Column<string>(type: "TEXT", nullable: false),
                    GeneratedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ScanFileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ScanSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ScanSize = table.Column<long>(type: "INTEGER", nullable: true),
                    ScanUploadedAt = table.Column<string>(type: "TEXT", nullable: true),
                    ScanUploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ScanContent = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GeneratedDocuments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_NominationId",
                table: "GeneratedDocuments",
                column: "NominationId");

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_Subject_Kind_Format_Version",
                table: "GeneratedDocuments",
                columns: new[] { "Subject", "Kind", "Format", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GeneratedDocuments");
        }
    }
}
