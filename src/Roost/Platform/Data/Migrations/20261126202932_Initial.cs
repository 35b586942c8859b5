using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Roost.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,")
                .Annotation("Npgsql:PostgresExtension:citext", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

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
                name: "gateway_intents",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    captured = table.Column<long>(type: "bigint", nullable: false),
                    refunded = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_intents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    response_body = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "ledger_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true),
                    host_id = table.Column<Guid>(type: "uuid", nullable: true),
                    gateway_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    memo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_transactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "login_throttles",
                columns: table => new
                {
                    normalized_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    window_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_login_throttles", x => x.normalized_email);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    email_state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    email_attempts = table.Column<int>(type: "integer", nullable: false),
                    emailed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    email_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    object_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payout_accounts",
                columns: table => new
                {
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gateway_account_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_accounts", x => x.host_id);
                });

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    installment = table.Column<int>(type: "integer", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    gateway_payout_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payouts", x => x.id);
                    table.CheckConstraint("ck_payouts_amount", "amount >= 0");
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_differences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    intent_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    gateway_captured = table.Column<long>(type: "bigint", nullable: false),
                    gateway_refunded = table.Column<long>(type: "bigint", nullable: false),
                    ledger_charged = table.Column<long>(type: "bigint", nullable: false),
                    ledger_refunded = table.Column<long>(type: "bigint", nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolution = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_differences", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sandbox_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sandbox_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sandbox_payment_intents",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    payment_method = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount_captured = table.Column<long>(type: "bigint", nullable: false),
                    amount_refunded = table.Column<long>(type: "bigint", nullable: false),
                    decline_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sandbox_payment_intents", x => x.id);
                    table.CheckConstraint("ck_sandbox_refund", "amount_refunded <= amount_captured");
                });

            migrationBuilder.CreateTable(
                name: "sandbox_payment_operations",
                columns: table => new
                {
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    intent_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    result_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sandbox_payment_operations", x => x.idempotency_key);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    normalized_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    host_rating_average = table.Column<double>(type: "double precision", nullable: true),
                    host_review_count = table.Column<int>(type: "integer", nullable: false),
                    guest_rating_average = table.Column<double>(type: "double precision", nullable: true),
                    guest_review_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.CheckConstraint("ck_users_email_normalized", "normalized_email = lower(normalized_email)");
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true),
                    host_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_entries_ledger_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "ledger_transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    device = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sessions_user_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wishlists",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wishlists", x => x.id);
                    table.ForeignKey(
                        name: "fk_wishlists_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_message_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    guest_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    host_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversations_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversations_users_guest_id",
                        column: x => x.guest_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversations_users_host_id",
                        column: x => x.host_id,
                        principalTable: "users",
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
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_session_session_id",
                        column: x => x.session_id,
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wishlist_items",
                columns: table => new
                {
                    wishlist_id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wishlist_items", x => new { x.wishlist_id, x.listing_id });
                    table.ForeignKey(
                        name: "fk_wishlist_items_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_wishlist_items_wishlists_wishlist_id",
                        column: x => x.wishlist_id,
                        principalTable: "wishlists",
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

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    original_text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messages", x => x.id);
                    table.CheckConstraint("ck_messages_text", "char_length(original_text) BETWEEN 1 AND 5000");
                    table.ForeignKey(
                        name: "fk_messages_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    check_in = table.Column<DateOnly>(type: "date", nullable: false),
                    check_out = table.Column<DateOnly>(type: "date", nullable: false),
                    guests = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quote = table.Column<string>(type: "jsonb", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    cancellation_policy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    check_in_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    occupancy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_method = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payment_intent_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    amount_captured = table.Column<long>(type: "bigint", nullable: false),
                    amount_refunded = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookings", x => x.id);
                    table.CheckConstraint("ck_bookings_live_holds_nights", "(status IN ('Pending', 'Confirmed')) = (occupancy_id IS NOT NULL) OR status = 'Completed'");
                    table.CheckConstraint("ck_bookings_money", "total >= 0 AND amount_refunded >= 0 AND amount_refunded <= amount_captured");
                    table.CheckConstraint("ck_bookings_stay", "check_out > check_in AND guests >= 1");
                    table.ForeignKey(
                        name: "fk_bookings_listing_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_occupancy_occupancy_id",
                        column: x => x.occupancy_id,
                        principalTable: "occupancies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_users_guest_id",
                        column: x => x.guest_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_users_host_id",
                        column: x => x.host_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "booking_transitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_booking_transitions_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
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
                name: "ix_booking_transitions_booking_id",
                table: "booking_transitions",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_expires_at",
                table: "bookings",
                column: "expires_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_guest_id_check_in",
                table: "bookings",
                columns: new[] { "guest_id", "check_in" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_guest_id_created_at",
                table: "bookings",
                columns: new[] { "guest_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_guest_id_pending",
                table: "bookings",
                column: "guest_id",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_host_id_check_in",
                table: "bookings",
                columns: new[] { "host_id", "check_in" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_listing_id",
                table: "bookings",
                column: "listing_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_occupancy_id",
                table: "bookings",
                column: "occupancy_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_imports_listing_id_url",
                table: "calendar_imports",
                columns: new[] { "listing_id", "url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_guest_id_last_message_at",
                table: "conversations",
                columns: new[] { "guest_id", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_host_id_last_message_at",
                table: "conversations",
                columns: new[] { "host_id", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "ux_conversations_listing_id_guest_id",
                table: "conversations",
                columns: new[] { "listing_id", "guest_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_expires_at",
                table: "idempotency_keys",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_booking_id_account",
                table: "ledger_entries",
                columns: new[] { "booking_id", "account" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_transaction_id",
                table: "ledger_entries",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_booking_id",
                table: "ledger_transactions",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_gateway_reference",
                table: "ledger_transactions",
                column: "gateway_reference");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_reference",
                table: "ledger_transactions",
                column: "reference",
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
                name: "ix_messages_conversation_id_sent_at_id",
                table: "messages",
                columns: new[] { "conversation_id", "sent_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_email_pending",
                table: "notifications",
                column: "created_at",
                filter: "email_state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_created_at",
                table: "notifications",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_occupancies_calendar_import_id",
                table: "occupancies",
                column: "calendar_import_id");

            migrationBuilder.CreateIndex(
                name: "ix_occupancies_listing_id",
                table: "occupancies",
                column: "listing_id");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_booking_id_installment",
                table: "payouts",
                columns: new[] { "booking_id", "installment" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payouts_due_at",
                table: "payouts",
                column: "due_at",
                filter: "status IN ('Scheduled', 'Failed')");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_host_id_due_at_id",
                table: "payouts",
                columns: new[] { "host_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_differences_found_at_id",
                table: "reconciliation_differences",
                columns: new[] { "found_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_session_id",
                table: "refresh_tokens",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_token_hash",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_events_created_at",
                table: "sandbox_events",
                column: "created_at",
                filter: "delivered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_payment_intents_created_at",
                table: "sandbox_payment_intents",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_payment_intents_idempotency_key",
                table: "sandbox_payment_intents",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_user_id",
                table: "sessions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_users_normalized_email",
                table: "users",
                column: "normalized_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wishlist_items_listing_id",
                table: "wishlist_items",
                column: "listing_id");

            migrationBuilder.CreateIndex(
                name: "ux_wishlists_user_id_name",
                table: "wishlists",
                columns: new[] { "user_id", "name" },
                unique: true);

            // Double booking is impossible in the database itself: no two occupancies of a listing share a night,
            // and two bookings also keep the preparation nights of the earlier one free.
            migrationBuilder.Sql("""
                ALTER TABLE occupancies ADD CONSTRAINT ex_occupancies_no_shared_night
                    EXCLUDE USING gist (listing_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&);
                ALTER TABLE occupancies ADD CONSTRAINT ex_occupancies_bookings_keep_preparation
                    EXCLUDE USING gist (listing_id WITH =, daterange(starts_on, ends_on + buffer_nights, '[)') WITH &&)
                    WHERE (kind = 'Booking');
                """);

            // Search: accent- and typo-tolerant place names (unaccent + pg_trgm), map boxes (GiST on a point),
            // distances (earthdistance), all over published listings only. Measured with EXPLAIN ANALYZE on the
            // benchmark dataset (see bench/results).
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE EXTENSION IF NOT EXISTS cube;
                CREATE EXTENSION IF NOT EXISTS earthdistance;

                -- unaccent() is only STABLE (it reads a dictionary); pinning the dictionary makes it safe to index.
                CREATE OR REPLACE FUNCTION roost_unaccent(text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

                ALTER TABLE listings ADD COLUMN search_location text GENERATED ALWAYS AS (
                    lower(roost_unaccent(coalesce(address_city, '') || ' ' || coalesce(address_region, '') || ' ' || coalesce(address_country_code, '')))
                ) STORED;

                CREATE INDEX ix_listings_search_location ON listings USING gin (search_location gin_trgm_ops) WHERE status = 'Published';
                CREATE INDEX ix_listings_point ON listings USING gist (point(longitude, latitude)) WHERE status = 'Published';
                CREATE INDEX ix_listings_earth ON listings USING gist (ll_to_earth(latitude, longitude)) WHERE status = 'Published';
                CREATE INDEX ix_listings_published_nightly_price ON listings (nightly_price) WHERE status = 'Published';
                """);

            // B-tree probes for "is this stay free" (search, calendar): overlap by (listing, end) with the start
            // alongside for index-only scans; bookings by start; the rare bookings with preparation nights.
            migrationBuilder.Sql("""
                CREATE INDEX ix_occupancies_listing_ends ON occupancies (listing_id, ends_on) INCLUDE (starts_on, kind, buffer_nights);
                CREATE INDEX ix_occupancies_bookings_start ON occupancies (listing_id, starts_on) WHERE kind = 'Booking';
                CREATE INDEX ix_occupancies_bookings_buffered ON occupancies (listing_id, ends_on) WHERE kind = 'Booking' AND buffer_nights > 0;
                """);

            // The notification type lives in the platform, which knows no users; the database still holds the link.
            migrationBuilder.Sql("ALTER TABLE notifications ADD CONSTRAINT fk_notifications_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;");

            // The ledger is append-only and balanced, enforced where no code path can skip it: updates and deletes
            // are refused, and at commit every transaction touched must sum to zero in its own currency.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'check_violation';
                END $$;

                CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
                    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
                CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
                    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

                CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    total numeric;
                    wrong_currency int;
                BEGIN
                    SELECT coalesce(sum(e.amount), 0), count(*) FILTER (WHERE e.currency <> t.currency)
                      INTO total, wrong_currency
                      FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                     WHERE e.transaction_id = NEW.transaction_id;
                    IF total <> 0 OR wrong_currency > 0 THEN
                        RAISE EXCEPTION 'ledger transaction % does not balance (sum %, % entries in another currency)', NEW.transaction_id, total, wrong_currency
                            USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
                """);

            // Payments sits below bookings, so its types do not name them; the database still links the rows.
            migrationBuilder.Sql("""
                ALTER TABLE ledger_transactions ADD CONSTRAINT fk_ledger_transactions_bookings_booking_id FOREIGN KEY (booking_id) REFERENCES bookings (id);
                ALTER TABLE payouts ADD CONSTRAINT fk_payouts_bookings_booking_id FOREIGN KEY (booking_id) REFERENCES bookings (id);
                ALTER TABLE payouts ADD CONSTRAINT fk_payouts_users_host_id FOREIGN KEY (host_id) REFERENCES users (id);
                ALTER TABLE payout_accounts ADD CONSTRAINT fk_payout_accounts_users_host_id FOREIGN KEY (host_id) REFERENCES users (id) ON DELETE CASCADE;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS ledger_entries_balanced ON ledger_entries;
                DROP TRIGGER IF EXISTS ledger_entries_append_only ON ledger_entries;
                DROP TRIGGER IF EXISTS ledger_transactions_append_only ON ledger_transactions;
                DROP FUNCTION IF EXISTS ledger_check_balanced();
                DROP FUNCTION IF EXISTS ledger_refuse_change();
                """);
            migrationBuilder.DropTable(
                name: "amenities");

            migrationBuilder.DropTable(
                name: "booking_transitions");

            migrationBuilder.DropTable(
                name: "calendar_nights");

            migrationBuilder.DropTable(
                name: "gateway_intents");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "listing_photos");

            migrationBuilder.DropTable(
                name: "listing_review_totals");

            migrationBuilder.DropTable(
                name: "login_throttles");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "payment_events");

            migrationBuilder.DropTable(
                name: "payout_accounts");

            migrationBuilder.DropTable(
                name: "payouts");

            migrationBuilder.DropTable(
                name: "reconciliation_differences");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "reviews");

            migrationBuilder.DropTable(
                name: "sandbox_events");

            migrationBuilder.DropTable(
                name: "sandbox_payment_intents");

            migrationBuilder.DropTable(
                name: "sandbox_payment_operations");

            migrationBuilder.DropTable(
                name: "wishlist_items");

            migrationBuilder.DropTable(
                name: "ledger_transactions");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "wishlists");

            migrationBuilder.DropTable(
                name: "occupancies");

            migrationBuilder.DropTable(
                name: "calendar_imports");

            migrationBuilder.DropTable(
                name: "listings");

            migrationBuilder.DropTable(
                name: "users");

            // Last: the listings' generated search column used it.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS roost_unaccent(text);");
        }
    }
}
