using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Hosts' scheduled messages per listing, and a row per message and stay it went to.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127142514_ScheduledMessages")]
    public partial class ScheduledMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduled_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    moment = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_scheduled_messages_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_message_sends",
                columns: table => new
                {
                    scheduled_message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_message_sends", x => new { x.scheduled_message_id, x.booking_id });
                    table.ForeignKey(
                        name: "fk_scheduled_message_sends_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_scheduled_message_sends_scheduled_messages_scheduled_messag",
                        column: x => x.scheduled_message_id,
                        principalTable: "scheduled_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_message_sends_booking_id",
                table: "scheduled_message_sends",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_messages_listing_id_moment",
                table: "scheduled_messages",
                columns: new[] { "listing_id", "moment" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_message_sends");

            migrationBuilder.DropTable(
                name: "scheduled_messages");
        }
    }
}
