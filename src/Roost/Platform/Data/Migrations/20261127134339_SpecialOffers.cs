using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Hosts' special offers: dates and a price named for a guest who asked, booked at once.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127134339_SpecialOffers")]
    public partial class SpecialOffers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "special_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    check_in = table.Column<DateOnly>(type: "date", nullable: false),
                    check_out = table.Column<DateOnly>(type: "date", nullable: false),
                    guests = table.Column<int>(type: "integer", nullable: false),
                    quote = table.Column<string>(type: "jsonb", nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_special_offers", x => x.id);
                    table.CheckConstraint("ck_special_offers_booked", "(status = 'Booked') = (booking_id IS NOT NULL)");
                    table.CheckConstraint("ck_special_offers_stay", "check_out > check_in AND guests >= 1");
                    table.ForeignKey(
                        name: "fk_special_offers_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_special_offers_listing_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_special_offers_users_guest_id",
                        column: x => x.guest_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_special_offers_users_host_id",
                        column: x => x.host_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_special_offers_booking_id",
                table: "special_offers",
                column: "booking_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_special_offers_guest_id_created_at",
                table: "special_offers",
                columns: new[] { "guest_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_special_offers_host_id_created_at",
                table: "special_offers",
                columns: new[] { "host_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_special_offers_listing_id",
                table: "special_offers",
                column: "listing_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "special_offers");
        }
    }
}
