using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>How many co-hosts answer each listing's requests, counted from the memberships there are.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127162405_ReservationCoHosts")]
    public partial class ReservationCoHosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reservation_co_hosts",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(
                "UPDATE listings l SET reservation_co_hosts = (SELECT count(*) FROM listing_cohosts c "
                + "WHERE c.listing_id = l.id AND c.accepted_at IS NOT NULL AND c.access = 'Reservations');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "reservation_co_hosts",
                table: "listings");
        }
    }
}
