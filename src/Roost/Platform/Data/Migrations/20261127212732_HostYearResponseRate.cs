using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>A host's response rate over the year, beside the 30 days profiles show: Superhost's standard reads the year.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127212732_HostYearResponseRate")]
    public partial class HostYearResponseRate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "host_year_response_rate",
                table: "users",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "host_year_response_rate",
                table: "users");
        }
    }
}
