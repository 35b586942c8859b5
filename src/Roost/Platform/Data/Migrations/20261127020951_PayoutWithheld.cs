using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// A payout records what it kept back for the host's penalties on other stays. One column and its check, so this
    /// migration carries no copy of the model (EF's generated designer file): the snapshot has it.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127020951_PayoutWithheld")]
    public partial class PayoutWithheld : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "withheld",
                table: "payouts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_payouts_withheld",
                table: "payouts",
                sql: "withheld >= 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_payouts_withheld",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "withheld",
                table: "payouts");
        }
    }
}
