using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class OccupancyProbes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // B-tree probes for "is this stay free" (search, calendar): overlap by (listing, end) with the start
            // alongside for index-only scans; bookings by start; the rare bookings with preparation nights.
            migrationBuilder.Sql("""
                CREATE INDEX ix_occupancies_listing_ends ON occupancies (listing_id, ends_on) INCLUDE (starts_on, kind, buffer_nights);
                CREATE INDEX ix_occupancies_bookings_start ON occupancies (listing_id, starts_on) WHERE kind = 'Booking';
                CREATE INDEX ix_occupancies_bookings_buffered ON occupancies (listing_id, ends_on) WHERE kind = 'Booking' AND buffer_nights > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_occupancies_bookings_buffered;
                DROP INDEX IF EXISTS ix_occupancies_bookings_start;
                DROP INDEX IF EXISTS ix_occupancies_listing_ends;
                """);
        }
    }
}
