using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// Damage claims become claims either side of a stay files (kind: damage or refund). The table and its names move
    /// in place, so claims already filed stay, as damage claims; what was "paid" is now "accepted".
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127135650_StayClaims")]
    public partial class StayClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(name: "damage_claims", newName: "stay_claims");
            migrationBuilder.RenameColumn(name: "guest_note", table: "stay_claims", newName: "answer_note");
            migrationBuilder.RenameColumn(name: "amount_charged", table: "stay_claims", newName: "amount_settled");
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "stay_claims",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Damage");
            migrationBuilder.Sql("UPDATE stay_claims SET status = 'Accepted' WHERE status = 'Paid'");
            migrationBuilder.DropCheckConstraint(name: "ck_damage_claims_money", table: "stay_claims");
            migrationBuilder.AddCheckConstraint(name: "ck_stay_claims_money", table: "stay_claims", sql: "amount > 0 AND amount_settled >= 0 AND amount_settled <= amount");
            migrationBuilder.Sql("""
                ALTER TABLE stay_claims RENAME CONSTRAINT pk_damage_claims TO pk_stay_claims;
                ALTER TABLE stay_claims RENAME CONSTRAINT fk_damage_claims_bookings_booking_id TO fk_stay_claims_bookings_booking_id;
                ALTER TABLE stay_claims RENAME CONSTRAINT fk_damage_claims_users_guest_id TO fk_stay_claims_users_guest_id;
                ALTER TABLE stay_claims RENAME CONSTRAINT fk_damage_claims_users_host_id TO fk_stay_claims_users_host_id;
                """);
            migrationBuilder.RenameIndex(name: "ix_damage_claims_answer_by", table: "stay_claims", newName: "ix_stay_claims_answer_by");
            migrationBuilder.RenameIndex(name: "ix_damage_claims_guest_id", table: "stay_claims", newName: "ix_stay_claims_guest_id");
            migrationBuilder.RenameIndex(name: "ix_damage_claims_host_id", table: "stay_claims", newName: "ix_stay_claims_host_id");
            migrationBuilder.RenameIndex(name: "ix_damage_claims_status_updated_at", table: "stay_claims", newName: "ix_stay_claims_status_updated_at");
            migrationBuilder.DropIndex(name: "ux_damage_claims_one_per_stay", table: "stay_claims");
            migrationBuilder.CreateIndex(
                name: "ux_stay_claims_one_a_side",
                table: "stay_claims",
                columns: new[] { "booking_id", "kind" },
                unique: true,
                filter: "status <> 'Withdrawn'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ux_stay_claims_one_a_side", table: "stay_claims");
            migrationBuilder.Sql("DELETE FROM stay_claims WHERE kind <> 'Damage'");
            migrationBuilder.CreateIndex(
                name: "ux_damage_claims_one_per_stay",
                table: "stay_claims",
                column: "booking_id",
                unique: true,
                filter: "status <> 'Withdrawn'");
            migrationBuilder.RenameIndex(name: "ix_stay_claims_answer_by", table: "stay_claims", newName: "ix_damage_claims_answer_by");
            migrationBuilder.RenameIndex(name: "ix_stay_claims_guest_id", table: "stay_claims", newName: "ix_damage_claims_guest_id");
            migrationBuilder.RenameIndex(name: "ix_stay_claims_host_id", table: "stay_claims", newName: "ix_damage_claims_host_id");
            migrationBuilder.RenameIndex(name: "ix_stay_claims_status_updated_at", table: "stay_claims", newName: "ix_damage_claims_status_updated_at");
            migrationBuilder.Sql("""
                ALTER TABLE stay_claims RENAME CONSTRAINT pk_stay_claims TO pk_damage_claims;
                ALTER TABLE stay_claims RENAME CONSTRAINT fk_stay_claims_bookings_booking_id TO fk_damage_claims_bookings_booking_id;
                ALTER TABLE stay_claims RENAME CONSTRAINT fk_stay_claims_users_guest_id TO fk_damage_claims_users_guest_id;
                ALTER TABLE stay_claims RENAME CONSTRAINT fk_stay_claims_users_host_id TO fk_damage_claims_users_host_id;
                """);
            migrationBuilder.DropCheckConstraint(name: "ck_stay_claims_money", table: "stay_claims");
            migrationBuilder.AddCheckConstraint(name: "ck_damage_claims_money", table: "stay_claims", sql: "amount > 0 AND amount_settled >= 0 AND amount_settled <= amount");
            migrationBuilder.Sql("UPDATE stay_claims SET status = 'Paid' WHERE status = 'Accepted'");
            migrationBuilder.DropColumn(name: "kind", table: "stay_claims");
            migrationBuilder.RenameColumn(name: "amount_settled", table: "stay_claims", newName: "amount_charged");
            migrationBuilder.RenameColumn(name: "answer_note", table: "stay_claims", newName: "guest_note");
            migrationBuilder.RenameTable(name: "stay_claims", newName: "damage_claims");
        }
    }
}
