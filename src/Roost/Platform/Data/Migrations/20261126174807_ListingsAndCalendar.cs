using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Roost.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListingsAndCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "amenities",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_amenities", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "listings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    property_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    room_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    max_guests = table.Column<int>(type: "integer", nullable: false),
                    bedrooms = table.Column<int>(type: "integer", nullable: false),
                    beds = table.Column<int>(type: "integer", nullable: false),
                    bathrooms = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    amenities = table.Column<List<string>>(type: "text[]", nullable: false),
                    house_rules = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    check_in_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    check_out_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    nightly_price = table.Column<long>(type: "bigint", nullable: true),
                    weekend_price = table.Column<long>(type: "bigint", nullable: true),
                    cleaning_fee = table.Column<long>(type: "bigint", nullable: false),
                    extra_guest_fee = table.Column<long>(type: "bigint", nullable: false),
                    extra_guests_after = table.Column<int>(type: "integer", nullable: false),
                    weekly_discount_percent = table.Column<int>(type: "integer", nullable: false),
                    monthly_discount_percent = table.Column<int>(type: "integer", nullable: false),
                    min_nights = table.Column<int>(type: "integer", nullable: false),
                    max_nights = table.Column<int>(type: "integer", nullable: false),
                    advance_notice_days = table.Column<int>(type: "integer", nullable: false),
                    preparation_nights = table.Column<int>(type: "integer", nullable: false),
                    booking_window_months = table.Column<int>(type: "integer", nullable: false),
                    instant_book = table.Column<bool>(type: "boolean", nullable: false),
                    cancellation_policy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    calendar_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rating_average = table.Column<double>(type: "double precision", nullable: true),
                    review_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    address_city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    address_country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    address_postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    address_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    address_street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listings", x => x.id);
                    table.CheckConstraint("ck_listings_discounts", "weekly_discount_percent BETWEEN 0 AND 90 AND monthly_discount_percent BETWEEN 0 AND 90");
                    table.CheckConstraint("ck_listings_latitude", "latitude BETWEEN -90 AND 90");
                    table.CheckConstraint("ck_listings_longitude", "longitude BETWEEN -180 AND 180");
                    table.CheckConstraint("ck_listings_nights", "min_nights >= 1 AND min_nights <= max_nights");
                    table.CheckConstraint("ck_listings_prices", "nightly_price > 0 AND (weekend_price IS NULL OR weekend_price > 0) AND cleaning_fee >= 0 AND extra_guest_fee >= 0");
                    table.ForeignKey(
                        name: "fk_listings_users_host_id",
                        column: x => x.host_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "calendar_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    blocked_ranges = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_imports_listing_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_nights",
                columns: table => new
                {
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    night = table.Column<DateOnly>(type: "date", nullable: false),
                    price = table.Column<long>(type: "bigint", nullable: true),
                    min_nights = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_nights", x => new { x.listing_id, x.night });
                    table.CheckConstraint("ck_calendar_nights_min_nights", "min_nights IS NULL OR min_nights >= 1");
                    table.CheckConstraint("ck_calendar_nights_price", "price IS NULL OR price > 0");
                    table.ForeignKey(
                        name: "fk_calendar_nights_listing_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "listing_photos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    caption = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    storage_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listing_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_listing_photos_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "occupancies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    buffer_nights = table.Column<int>(type: "integer", nullable: false),
                    calendar_import_id = table.Column<Guid>(type: "uuid", nullable: true),
                    summary = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_occupancies", x => x.id);
                    table.CheckConstraint("ck_occupancies_buffer", "buffer_nights >= 0");
                    table.CheckConstraint("ck_occupancies_range", "ends_on > starts_on");
                    table.ForeignKey(
                        name: "fk_occupancies_calendar_imports_calendar_import_id",
                        column: x => x.calendar_import_id,
                        principalTable: "calendar_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_occupancies_listing_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "amenities",
                columns: new[] { "code", "category", "name" },
                values: new object[,]
                {
                    { "air_conditioning", "essentials", "Air conditioning" },
                    { "bbq_grill", "outdoor", "BBQ grill" },
                    { "beach_access", "location", "Beach access" },
                    { "carbon_monoxide_alarm", "safety", "Carbon monoxide alarm" },
                    { "crib", "family", "Crib" },
                    { "dedicated_workspace", "work", "Dedicated workspace" },
                    { "dryer", "essentials", "Dryer" },
                    { "elevator", "facilities", "Elevator" },
                    { "essentials", "essentials", "Towels, bed sheets, soap" },
                    { "ev_charger", "parking", "EV charger" },
                    { "fire_extinguisher", "safety", "Fire extinguisher" },
                    { "first_aid_kit", "safety", "First aid kit" },
                    { "free_parking", "parking", "Free parking on premises" },
                    { "garden", "outdoor", "Garden" },
                    { "gym", "facilities", "Gym" },
                    { "heating", "essentials", "Heating" },
                    { "high_chair", "family", "High chair" },
                    { "hot_tub", "outdoor", "Hot tub" },
                    { "hot_water", "essentials", "Hot water" },
                    { "kitchen", "essentials", "Kitchen" },
                    { "lake_access", "location", "Lake access" },
                    { "paid_parking", "parking", "Paid parking" },
                    { "patio", "outdoor", "Patio or balcony" },
                    { "pets_allowed", "policies", "Pets allowed" },
                    { "pool", "outdoor", "Pool" },
                    { "self_check_in", "policies", "Self check-in" },
                    { "ski_in_out", "location", "Ski-in/ski-out" },
                    { "smoke_alarm", "safety", "Smoke alarm" },
                    { "smoking_allowed", "policies", "Smoking allowed" },
                    { "step_free_access", "accessibility", "Step-free access" },
                    { "tv", "entertainment", "TV" },
                    { "washer", "essentials", "Washer" },
                    { "wifi", "essentials", "Wi-Fi" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_imports_listing_id_url",
                table: "calendar_imports",
                columns: new[] { "listing_id", "url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_listing_photos_listing_id_position",
                table: "listing_photos",
                columns: new[] { "listing_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_listings_host_id_created_at",
                table: "listings",
                columns: new[] { "host_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_occupancies_calendar_import_id",
                table: "occupancies",
                column: "calendar_import_id");

            migrationBuilder.CreateIndex(
                name: "ix_occupancies_listing_id",
                table: "occupancies",
                column: "listing_id");

            // Double booking is impossible in the database itself: no two occupancies of a listing share a night,
            // and two bookings also keep the preparation nights of the earlier one free.
            migrationBuilder.Sql("""
                ALTER TABLE occupancies ADD CONSTRAINT ex_occupancies_no_shared_night
                    EXCLUDE USING gist (listing_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&);
                ALTER TABLE occupancies ADD CONSTRAINT ex_occupancies_bookings_keep_preparation
                    EXCLUDE USING gist (listing_id WITH =, daterange(starts_on, ends_on + buffer_nights, '[)') WITH &&)
                    WHERE (kind = 'Booking');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "amenities");

            migrationBuilder.DropTable(
                name: "calendar_nights");

            migrationBuilder.DropTable(
                name: "listing_photos");

            migrationBuilder.DropTable(
                name: "occupancies");

            migrationBuilder.DropTable(
                name: "calendar_imports");

            migrationBuilder.DropTable(
                name: "listings");
        }
    }
}
