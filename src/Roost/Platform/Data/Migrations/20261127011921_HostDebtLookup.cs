using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// A payout looks up its host's debts (cancellation penalties) on other bookings. Only an index is added, so this
    /// migration carries no copy of the model (EF's generated designer file): the snapshot has it.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127011921_HostDebtLookup")]
    public partial class HostDebtLookup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_host_id_account",
                table: "ledger_entries",
                columns: new[] { "host_id", "account" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_host_id_account",
                table: "ledger_entries");
        }
    }
}
