using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Friends who plan a wishlist with its owner, and the link they join by.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261128002110_WishlistCollaborators")]
    public partial class WishlistCollaborators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "invite_token",
                table: "wishlists",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "wishlist_collaborators",
                columns: table => new
                {
                    wishlist_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wishlist_collaborators", x => new { x.wishlist_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_wishlist_collaborators_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_wishlist_collaborators_wishlist_wishlist_id",
                        column: x => x.wishlist_id,
                        principalTable: "wishlists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_wishlists_invite_token",
                table: "wishlists",
                column: "invite_token",
                unique: true,
                filter: "invite_token IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_wishlist_collaborators_user_id",
                table: "wishlist_collaborators",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wishlist_collaborators");

            migrationBuilder.DropIndex(
                name: "ix_wishlists_invite_token",
                table: "wishlists");

            migrationBuilder.DropColumn(
                name: "invite_token",
                table: "wishlists");
        }
    }
}
