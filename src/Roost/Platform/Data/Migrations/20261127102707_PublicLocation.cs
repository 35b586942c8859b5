using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// The public point (the exact position rounded to ~100 m) that search filters, sorts and answers by, with the map
    /// indexes moved onto it; and the host's private check-in instructions.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127102707_PublicLocation")]
    public partial class PublicLocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "check_in_instructions",
                table: "listings",
                type: "character varying(5000)",
                maxLength: 5000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "public_latitude",
                table: "listings",
                type: "double precision",
                nullable: true,
                computedColumnSql: "round(latitude::numeric, 3)::double precision",
                stored: true);

            migrationBuilder.AddColumn<double>(
                name: "public_longitude",
                table: "listings",
                type: "double precision",
                nullable: true,
                computedColumnSql: "round(longitude::numeric, 3)::double precision",
                stored: true);

            migrationBuilder.Sql("""
                DROP INDEX ix_listings_point;
                DROP INDEX ix_listings_earth;
                CREATE INDEX ix_listings_point ON listings USING gist (point(public_longitude, public_latitude)) WHERE status = 'Published';
                CREATE INDEX ix_listings_earth ON listings USING gist (ll_to_earth(public_latitude, public_longitude)) WHERE status = 'Published';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_listings_point;
                DROP INDEX ix_listings_earth;
                CREATE INDEX ix_listings_point ON listings USING gist (point(longitude, latitude)) WHERE status = 'Published';
                CREATE INDEX ix_listings_earth ON listings USING gist (ll_to_earth(latitude, longitude)) WHERE status = 'Published';
                """);

            migrationBuilder.DropColumn(
                name: "public_latitude",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "public_longitude",
                table: "listings");

            migrationBuilder.DropColumn(
                name: "check_in_instructions",
                table: "listings");
        }
    }
}
