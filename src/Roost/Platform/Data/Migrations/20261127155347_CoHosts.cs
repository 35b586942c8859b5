using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>A listing's co-hosts: invitations by e-mail address, and the people who accepted them with what they may do.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127155347_CoHosts")]
    public partial class CoHosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "listing_cohosts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    access = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    invited_by = table.Column<Guid>(type: "uuid", nullable: false),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listing_cohosts", x => x.id);
                    table.CheckConstraint("ck_listing_cohosts_accepted", "(accepted_at IS NULL) = (user_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_listing_cohosts_listing_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_listing_cohosts_users_invited_by",
                        column: x => x.invited_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_listing_cohosts_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_listing_cohosts_email",
                table: "listing_cohosts",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_listing_cohosts_invited_by",
                table: "listing_cohosts",
                column: "invited_by");

            migrationBuilder.CreateIndex(
                name: "ix_listing_cohosts_listing_id_email",
                table: "listing_cohosts",
                columns: new[] { "listing_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_listing_cohosts_listing_id_user_id",
                table: "listing_cohosts",
                columns: new[] { "listing_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_listing_cohosts_user_id",
                table: "listing_cohosts",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "listing_cohosts");
        }
    }
}
