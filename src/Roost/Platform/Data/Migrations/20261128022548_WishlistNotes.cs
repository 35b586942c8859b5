using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>A note on each listing of a wishlist, for whoever plans it, with who wrote it last and when.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261128022548_WishlistNotes")]
    public partial class WishlistNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "wishlist_items",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "noted_at",
                table: "wishlist_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "noted_by",
                table: "wishlist_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_wishlist_items_noted_by",
                table: "wishlist_items",
                column: "noted_by");

            migrationBuilder.AddForeignKey(
                name: "fk_wishlist_items_users_noted_by",
                table: "wishlist_items",
                column: "noted_by",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_wishlist_items_users_noted_by",
                table: "wishlist_items");

            migrationBuilder.DropIndex(
                name: "ix_wishlist_items_noted_by",
                table: "wishlist_items");

            migrationBuilder.DropColumn(
                name: "note",
                table: "wishlist_items");

            migrationBuilder.DropColumn(
                name: "noted_at",
                table: "wishlist_items");

            migrationBuilder.DropColumn(
                name: "noted_by",
                table: "wishlist_items");
        }
    }
}
