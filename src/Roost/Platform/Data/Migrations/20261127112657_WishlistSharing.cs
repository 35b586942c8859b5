using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>A wishlist's share link token, unique while set.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127112657_WishlistSharing")]
    public partial class WishlistSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "share_token",
                table: "wishlists",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_wishlists_share_token",
                table: "wishlists",
                column: "share_token",
                unique: true,
                filter: "share_token IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_wishlists_share_token",
                table: "wishlists");

            migrationBuilder.DropColumn(
                name: "share_token",
                table: "wishlists");
        }
    }
}
