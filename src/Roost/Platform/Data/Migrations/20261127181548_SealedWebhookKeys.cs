using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// Webhook keys are sealed at rest (under Sealing:EncryptionKey): a sealed key is longer. Keys stored before read as
    /// they are until delivery or the daily job seals them; that needs the key, so it is not done here in SQL.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127181548_SealedWebhookKeys")]
    public partial class SealedWebhookKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "secret",
                table: "webhook_endpoints",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The column stays wide: sealed keys do not fit the old width, and only the application can open them.
        }
    }
}
