using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>Admins remove published reviews that break the rules: when, and why. Columns only, so no copy of the model.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127070419_ReviewRemoval")]
    public partial class ReviewRemoval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "removal_reason",
                table: "reviews",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "removed_at",
                table: "reviews",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "removal_reason",
                table: "reviews");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "reviews");
        }
    }
}
