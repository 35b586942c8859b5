using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Hosts' damage claims on finished stays: paid or declined by the guest, decided by Roost when escalated.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127132039_DamageClaims")]
    public partial class DamageClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "damage_claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    answer_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    guest_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    amount_charged = table.Column<long>(type: "bigint", nullable: false),
                    payment_intent_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_damage_claims", x => x.id);
                    table.CheckConstraint("ck_damage_claims_money", "amount > 0 AND amount_charged >= 0 AND amount_charged <= amount");
                    table.ForeignKey(
                        name: "fk_damage_claims_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_damage_claims_users_guest_id",
                        column: x => x.guest_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_damage_claims_users_host_id",
                        column: x => x.host_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_damage_claims_answer_by",
                table: "damage_claims",
                column: "answer_by",
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_damage_claims_guest_id",
                table: "damage_claims",
                column: "guest_id");

            migrationBuilder.CreateIndex(
                name: "ix_damage_claims_host_id",
                table: "damage_claims",
                column: "host_id");

            migrationBuilder.CreateIndex(
                name: "ix_damage_claims_status_updated_at",
                table: "damage_claims",
                columns: new[] { "status", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ux_damage_claims_one_per_stay",
                table: "damage_claims",
                column: "booking_id",
                unique: true,
                filter: "status <> 'Withdrawn'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "damage_claims");
        }
    }
}
