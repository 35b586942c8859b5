using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <inheritdoc />
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
