using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// Who comes besides the guests: a listing says how many pets it takes and what they cost a stay. Quotes kept on
    /// bookings, changes and offers gain their infants, pets and (zero) pet fee, and listings that already showed
    /// pets_allowed take one pet, so the amenity and the number agree.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127153518_PetsAndInfants")]
    public partial class PetsAndInfants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "max_pets",
                table: "listings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "pet_fee",
                table: "listings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_listings_pets",
                table: "listings",
                sql: "max_pets BETWEEN 0 AND 5 AND pet_fee >= 0");

            migrationBuilder.Sql("UPDATE listings SET max_pets = 1 WHERE 'pets_allowed' = ANY(amenities);");
            foreach (var table in new[] { "bookings", "booking_changes", "special_offers" })
            {
                migrationBuilder.Sql(
                    $"UPDATE {table} SET quote = quote || jsonb_build_object('infants', 0, 'pets', 0, "
                    + "'petFee', jsonb_build_object('amount', 0, 'currency', quote->'total'->'currency')) WHERE NOT quote ? 'petFee';");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_listings_pets",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "max_pets",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "pet_fee",
                table: "listings");
        }
    }
}
