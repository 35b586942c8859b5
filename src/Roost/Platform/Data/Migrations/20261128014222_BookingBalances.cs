using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Stays paid in two parts: what is left to pay, when it is charged, and how often the card refused it.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261128014222_BookingBalances")]
    public partial class BookingBalances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "balance_amount",
                table: "bookings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "balance_due_at",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "balance_failures",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_bookings_balance_due_at_owing",
                table: "bookings",
                column: "balance_due_at",
                filter: "balance_amount > 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_balance",
                table: "bookings",
                sql: "balance_amount >= 0 AND (balance_amount > 0) = (balance_due_at IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bookings_balance_due_at_owing",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_balance",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "balance_amount",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "balance_due_at",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "balance_failures",
                table: "bookings");
        }
    }
}
