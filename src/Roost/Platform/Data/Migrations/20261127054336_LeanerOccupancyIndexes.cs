using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// Two index entries fewer for every booking's night claim: the listing's foreign key is served by the calendar
    /// read's index (listing_id, ends_on), which the first migration made in SQL and the model now declares, and the
    /// import index keeps only imported blocks. No copy of the model (EF's designer file): the snapshot has it.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127054336_LeanerOccupancyIndexes")]
    public partial class LeanerOccupancyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_occupancies_listing_id",
                table: "occupancies");

            migrationBuilder.DropIndex(
                name: "ix_occupancies_calendar_import_id",
                table: "occupancies");

            migrationBuilder.CreateIndex(
                name: "ix_occupancies_calendar_import_id",
                table: "occupancies",
                column: "calendar_import_id",
                filter: "calendar_import_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_occupancies_calendar_import_id",
                table: "occupancies");

            migrationBuilder.CreateIndex(
                name: "ix_occupancies_calendar_import_id",
                table: "occupancies",
                column: "calendar_import_id");

            migrationBuilder.CreateIndex(
                name: "ix_occupancies_listing_id",
                table: "occupancies",
                column: "listing_id");
        }
    }
}
