using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class BookingGuestIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_bookings_guest_id_created_at",
                table: "bookings",
                columns: new[] { "guest_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_guest_id_pending",
                table: "bookings",
                column: "guest_id",
                filter: "status = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bookings_guest_id_created_at",
                table: "bookings");

            migrationBuilder.DropIndex(
                name: "ix_bookings_guest_id_pending",
                table: "bookings");
        }
    }
}
