using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// Preparation nights are at most 30, so calendar reads can bound how far back they look. Only a check constraint
    /// changes, so this migration carries no copy of the model (EF's generated designer file): the snapshot has it.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261126223744_BoundedPreparationNights")]
    public partial class BoundedPreparationNights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_occupancies_buffer",
                table: "occupancies");

            migrationBuilder.AddCheckConstraint(
                name: "ck_occupancies_buffer",
                table: "occupancies",
                sql: "buffer_nights BETWEEN 0 AND 30");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_occupancies_buffer",
                table: "occupancies");

            migrationBuilder.AddCheckConstraint(
                name: "ck_occupancies_buffer",
                table: "occupancies",
                sql: "buffer_nights >= 0");
        }
    }
}
