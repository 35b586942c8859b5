using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>A co-host may be paid a fixed amount of each stay's host payout instead of a percent.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261128023354_CoHostPayoutAmount")]
    public partial class CoHostPayoutAmount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "payout_amount",
                table: "listing_cohosts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_listing_cohosts_payout_amount",
                table: "listing_cohosts",
                sql: "payout_amount >= 0 AND (payout_amount = 0 OR payout_percent = 0)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_listing_cohosts_payout_amount",
                table: "listing_cohosts");

            migrationBuilder.DropColumn(
                name: "payout_amount",
                table: "listing_cohosts");
        }
    }
}
