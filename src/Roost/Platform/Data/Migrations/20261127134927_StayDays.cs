using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>The weekdays a listing's stays may start and end on (a bit set); every existing listing keeps all seven.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127134927_StayDays")]
    public partial class StayDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "check_in_days",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 127);

            migrationBuilder.AddColumn<int>(
                name: "check_out_days",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 127);

            migrationBuilder.AddCheckConstraint(
                name: "ck_listings_stay_days",
                table: "listings",
                sql: "check_in_days BETWEEN 1 AND 127 AND check_out_days BETWEEN 1 AND 127");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_listings_stay_days",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "check_in_days",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "check_out_days",
                table: "listings");
        }
    }
}
