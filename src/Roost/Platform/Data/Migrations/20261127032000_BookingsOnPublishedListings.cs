using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// A booking claims nights only on a published listing, checked where the claim is written. The check locks the
    /// listing row as the booking's foreign key would, so a host archiving the listing (under a row lock) either waits
    /// for a booking being made and counts it, or finishes first and the booking is refused. No model change, so no
    /// designer copy.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127032000_BookingsOnPublishedListings")]
    public partial class BookingsOnPublishedListings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION occupancies_listing_takes_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM listings WHERE id = NEW.listing_id AND status = 'Published' FOR KEY SHARE;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'listing % is not taking bookings', NEW.listing_id
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_occupancies_listing_takes_bookings';
                    END IF;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER occupancies_listing_takes_bookings BEFORE INSERT ON occupancies
                    FOR EACH ROW WHEN (NEW.kind = 'Booking') EXECUTE FUNCTION occupancies_listing_takes_bookings();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER occupancies_listing_takes_bookings ON occupancies;
                DROP FUNCTION occupancies_listing_takes_bookings();
                """);
        }
    }
}
