using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// Co-hosts' payout shares: set on the membership, copied onto the listing row and snapshotted by each booking; a
    /// co-host's part of a payout is a payout of its own, which names the host whose payout it is part of.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127232807_CoHostPayouts")]
    public partial class CoHostPayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payouts_booking_id_installment",
                table: "payouts");

            migrationBuilder.AddColumn<Guid>(
                name: "share_of_host_id",
                table: "payouts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "co_host_payouts",
                table: "listings",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "payout_percent",
                table: "listing_cohosts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "co_host_payouts",
                table: "bookings",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_payouts_booking_id_installment_host_id",
                table: "payouts",
                columns: new[] { "booking_id", "installment", "host_id" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_listing_cohosts_payout_percent",
                table: "listing_cohosts",
                sql: "payout_percent BETWEEN 0 AND 100");

            // As host_id's: users are erased, never deleted, so no index is kept for deletes to find the rows.
            migrationBuilder.Sql("ALTER TABLE payouts ADD CONSTRAINT fk_payouts_users_share_of_host_id FOREIGN KEY (share_of_host_id) REFERENCES users (id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE payouts DROP CONSTRAINT fk_payouts_users_share_of_host_id;");

            migrationBuilder.DropIndex(
                name: "ix_payouts_booking_id_installment_host_id",
                table: "payouts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_listing_cohosts_payout_percent",
                table: "listing_cohosts");

            migrationBuilder.DropColumn(
                name: "share_of_host_id",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "co_host_payouts",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "payout_percent",
                table: "listing_cohosts");

            migrationBuilder.DropColumn(
                name: "co_host_payouts",
                table: "bookings");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_booking_id_installment",
                table: "payouts",
                columns: new[] { "booking_id", "installment" },
                unique: true);
        }
    }
}
