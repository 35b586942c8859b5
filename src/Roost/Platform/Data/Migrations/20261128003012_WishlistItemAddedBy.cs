using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Who saved each listing in a wishlist, now that friends plan lists together.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261128003012_WishlistItemAddedBy")]
    public partial class WishlistItemAddedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "added_by",
                table: "wishlist_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_wishlist_items_added_by",
                table: "wishlist_items",
                column: "added_by");

            migrationBuilder.AddForeignKey(
                name: "fk_wishlist_items_users_added_by",
                table: "wishlist_items",
                column: "added_by",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_wishlist_items_users_added_by",
                table: "wishlist_items");

            migrationBuilder.DropIndex(
                name: "ix_wishlist_items_added_by",
                table: "wishlist_items");

            migrationBuilder.DropColumn(
                name: "added_by",
                table: "wishlist_items");
        }
    }
}
