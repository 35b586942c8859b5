using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "guest_rating_average",
                table: "users",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "guest_review_count",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "host_rating_average",
                table: "users",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "host_review_count",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "listing_review_totals",
                columns: table => new
                {
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    rating = table.Column<long>(type: "bigint", nullable: false),
                    cleanliness = table.Column<long>(type: "bigint", nullable: false),
                    accuracy = table.Column<long>(type: "bigint", nullable: false),
                    check_in = table.Column<long>(type: "bigint", nullable: false),
                    communication = table.Column<long>(type: "bigint", nullable: false),
                    location = table.Column<long>(type: "bigint", nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listing_review_totals", x => x.listing_id);
                    table.ForeignKey(
                        name: "fk_listing_review_totals_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    side = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    cleanliness = table.Column<int>(type: "integer", nullable: true),
                    accuracy = table.Column<int>(type: "integer", nullable: true),
                    check_in = table.Column<int>(type: "integer", nullable: true),
                    communication = table.Column<int>(type: "integer", nullable: true),
                    location = table.Column<int>(type: "integer", nullable: true),
                    value = table.Column<int>(type: "integer", nullable: true),
                    house_rules = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    private_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    response = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews", x => x.id);
                    table.CheckConstraint("ck_reviews_categories", "(cleanliness IS NULL OR cleanliness BETWEEN 1 AND 5) AND (accuracy IS NULL OR accuracy BETWEEN 1 AND 5) AND (check_in IS NULL OR check_in BETWEEN 1 AND 5) AND (communication IS NULL OR communication BETWEEN 1 AND 5) AND (location IS NULL OR location BETWEEN 1 AND 5) AND (value IS NULL OR value BETWEEN 1 AND 5) AND (house_rules IS NULL OR house_rules BETWEEN 1 AND 5)");
                    table.CheckConstraint("ck_reviews_rating", "rating BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_reviews_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reviews_listing_id_published_at",
                table: "reviews",
                columns: new[] { "listing_id", "published_at" },
                filter: "side = 'Guest' AND published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_subject_id_published_at",
                table: "reviews",
                columns: new[] { "subject_id", "published_at" },
                filter: "published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_submitted_at",
                table: "reviews",
                column: "submitted_at",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_reviews_booking_id_side",
                table: "reviews",
                columns: new[] { "booking_id", "side" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "listing_review_totals");

            migrationBuilder.DropTable(
                name: "reviews");

            migrationBuilder.DropColumn(
                name: "guest_rating_average",
                table: "users");

            migrationBuilder.DropColumn(
                name: "guest_review_count",
                table: "users");

            migrationBuilder.DropColumn(
                name: "host_rating_average",
                table: "users");

            migrationBuilder.DropColumn(
                name: "host_review_count",
                table: "users");
        }
    }
}
