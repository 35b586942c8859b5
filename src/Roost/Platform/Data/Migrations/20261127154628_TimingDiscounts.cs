using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>A host's last-minute and early-bird discounts: off by default, with a week and three months as the usual spans.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127154628_TimingDiscounts")]
    public partial class TimingDiscounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "early_bird_discount_percent",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "early_bird_months",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "last_minute_days",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<int>(
                name: "last_minute_discount_percent",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddCheckConstraint(
                name: "ck_listings_timing_discounts",
                table: "listings",
                sql: "last_minute_discount_percent BETWEEN 0 AND 90 AND last_minute_days BETWEEN 1 AND 28 AND early_bird_discount_percent BETWEEN 0 AND 90 AND early_bird_months BETWEEN 1 AND 24");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_listings_timing_discounts",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "early_bird_discount_percent",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "early_bird_months",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "last_minute_days",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "last_minute_discount_percent",
                table: "listings");
        }
    }
}
