using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Invitations mailed to addresses without an account: a notification with no user, e-mail only.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127180332_InvitationsToStrangers")]
    public partial class InvitationsToStrangers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "user_id",
                table: "notifications",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_to_strangers",
                table: "notifications",
                columns: new[] { "email_to", "created_at" },
                filter: "user_id IS NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notifications_stranger_is_email_only",
                table: "notifications",
                sql: "user_id IS NOT NULL OR (email_only AND email_to IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_to_strangers",
                table: "notifications");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notifications_stranger_is_email_only",
                table: "notifications");

            migrationBuilder.Sql("DELETE FROM notifications WHERE user_id IS NULL;");

            migrationBuilder.AlterColumn<Guid>(
                name: "user_id",
                table: "notifications",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
