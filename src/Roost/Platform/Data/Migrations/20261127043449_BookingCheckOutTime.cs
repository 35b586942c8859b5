using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// A booking keeps its listing's check-out hour, as it keeps the check-in hour, and the instant that makes where the
    /// home is, so the stay completes when the guest leaves rather than at midnight before. Bookings made earlier take
    /// their listing's hour as it is now. Two columns, so no copy of the model (EF's designer file): the snapshot has it.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127043449_BookingCheckOutTime")]
    public partial class BookingCheckOutTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "check_out_time",
                table: "bookings",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(11, 0, 0));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "check_out_at",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: DateTimeOffset.UnixEpoch);

            // New bookings get the instant from the app's time-zone rules; these take PostgreSQL's, which agree but for
            // a check-out hour that falls in a daylight-saving gap.
            migrationBuilder.Sql("""
                UPDATE bookings b SET check_out_time = l.check_out_time FROM listings l WHERE l.id = b.listing_id;
                UPDATE bookings SET check_out_at = (check_out + check_out_time) AT TIME ZONE time_zone;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "check_out_at",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "check_out_time",
                table: "bookings");
        }
    }
}
