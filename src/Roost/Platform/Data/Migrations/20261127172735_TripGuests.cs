using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Travel companions: invitations to a booking by e-mail address, and who accepted them.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127172735_TripGuests")]
    public partial class TripGuests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "trip_guests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trip_guests", x => x.id);
                    table.CheckConstraint("ck_trip_guests_accepted", "(accepted_at IS NULL) = (user_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_trip_guests_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_trip_guests_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_trip_guests_booking_id_email",
                table: "trip_guests",
                columns: new[] { "booking_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trip_guests_booking_id_user_id",
                table: "trip_guests",
                columns: new[] { "booking_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trip_guests_email",
                table: "trip_guests",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_trip_guests_user_id",
                table: "trip_guests",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "trip_guests");
        }
    }
}
