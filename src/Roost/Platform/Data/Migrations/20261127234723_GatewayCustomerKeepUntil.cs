using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>How long a closed account's gateway customer is kept for claims that may still charge its card.</summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127234723_GatewayCustomerKeepUntil")]
    public partial class GatewayCustomerKeepUntil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "keep_until",
                table: "gateway_customers",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "keep_until",
                table: "gateway_customers");
        }
    }
}
