using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain
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
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    NominationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DistrictCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DataVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GeneratedAt = table.Column<string>(type: "text", nullable: false),
                    GeneratedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    ScanFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScanSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ScanSize = table.Column<long>(type: "bigint", nullable: true),
                    ScanUploadedAt = table.Column<string>(type: "text", nullable: true),
                    ScanUploadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ScanContent = table.Column<byte[]>(type: "bytea", nullable: true)
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
