using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>When a guest expects to arrive on the check-in day, as they told the host.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127145610_ExpectedArrival")]
    public partial class ExpectedArrival : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "expected_arrival",
                table: "bookings",
                type: "time without time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "expected_arrival",
                table: "bookings");
        }
    }
}
