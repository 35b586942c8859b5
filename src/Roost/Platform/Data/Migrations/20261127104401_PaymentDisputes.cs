using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Chargebacks as the gateway reports them, one row per dispute.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127104401_PaymentDisputes")]
    public partial class PaymentDisputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payment_disputes",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    intent_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    evidence_due_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_disputes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payment_disputes_intent_id",
                table: "payment_disputes",
                column: "intent_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_disputes_opened_at_id",
                table: "payment_disputes",
                columns: new[] { "opened_at", "id" });

            // As for the ledger and payouts: Payments sits below Bookings, so the key is declared here, not in the model.
            migrationBuilder.Sql("ALTER TABLE payment_disputes ADD CONSTRAINT fk_payment_disputes_bookings_booking_id FOREIGN KEY (booking_id) REFERENCES bookings (id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_disputes");
        }
    }
}
