using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>A host's response rate and median response time, as the daily measurement last found them.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127103635_HostResponsiveness")]
    public partial class HostResponsiveness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "host_response_minutes",
                table: "users",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "host_response_rate",
                table: "users",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "host_response_minutes",
                table: "users");

            migrationBuilder.DropColumn(
                name: "host_response_rate",
                table: "users");
        }
    }
}
