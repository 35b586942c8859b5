using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// When a user confirmed their address, and notices that are only e-mailed (the confirmation link). Existing
    /// accounts start unconfirmed. The model now also names the notices' foreign key to users, which the first
    /// migration made in SQL, so nothing is done to it here. Columns only, so no copy of the model.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127074256_EmailVerification")]
    public partial class EmailVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "email_verified_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "email_only",
                table: "notifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "email_verified_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "email_only",
                table: "notifications");
        }
    }
}
