using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Partial indexes for the date sweeps over bookings (completion, arrival and review reminders), which read the whole table before.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127181123_SweepIndexes")]
    public partial class SweepIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_bookings_check_in_confirmed",
                table: "bookings",
                column: "check_in",
                filter: "status = 'Confirmed'");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_check_out_at_id_confirmed",
                table: "bookings",
                columns: new[] { "check_out_at", "id" },
                filter: "status = 'Confirmed'");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_check_out_completed",
                table: "bookings",
                column: "check_out",
                filter: "status = 'Completed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bookings_check_in_confirmed",
                table: "bookings");

            migrationBuilder.DropIndex(
                name: "ix_bookings_check_out_at_id_confirmed",
                table: "bookings");

            migrationBuilder.DropIndex(
                name: "ix_bookings_check_out_completed",
                table: "bookings");
        }
    }
}
