using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// A notice's e-mail may go to another address than the user's own: the link confirming a new address goes to
    /// that address, and the old one hears of the change. One column, so no copy of the model: the snapshot has it.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127064028_NotificationEmailTo")]
    public partial class NotificationEmailTo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "email_to",
                table: "notifications",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "email_to",
                table: "notifications");
        }
    }
}
