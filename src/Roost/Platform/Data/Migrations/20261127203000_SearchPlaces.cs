using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <summary>
    /// A search by place reads its candidates from one index: the fuzzy match runs over the few distinct places
    /// (<c>search_places</c>, kept by triggers on listings), and a covering index of published listings by place holds
    /// every column the ranking and the row's own checks read, so they need no visit to the table.
    /// </summary>
    [DbContext(typeof(RoostDb))]
    [Migration("20261127203000_SearchPlaces")]
    public partial class SearchPlaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE search_places (search_location text PRIMARY KEY);
                CREATE INDEX ix_search_places_trigram ON search_places USING gin (search_location gin_trgm_ops);
                INSERT INTO search_places SELECT DISTINCT search_location FROM listings WHERE search_location IS NOT NULL;

                CREATE FUNCTION roost_note_added_search_places() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO search_places SELECT DISTINCT search_location FROM added WHERE search_location IS NOT NULL
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER listings_note_added_search_places AFTER INSERT ON listings
                    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION roost_note_added_search_places();

                CREATE FUNCTION roost_note_moved_search_place() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.search_location IS NOT NULL THEN
                        INSERT INTO search_places VALUES (NEW.search_location) ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER listings_note_moved_search_place AFTER UPDATE OF address_city, address_region, address_country_code ON listings
                    FOR EACH ROW EXECUTE FUNCTION roost_note_moved_search_place();

                DROP INDEX ix_listings_search_location;
                CREATE INDEX ix_listings_search_location ON listings (search_location)
                    INCLUDE (id, max_guests, max_pets, time_zone, nightly_price, advance_notice_days, booking_window_months,
                             check_in_days, check_out_days, max_nights, rating_average, review_count, published_at, created_at,
                             room_type, property_type, instant_book, instant_book_for, cancellation_policy, bedrooms, beds, bathrooms)
                    WHERE status = 'Published';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_listings_search_location;
                CREATE INDEX ix_listings_search_location ON listings USING gin (search_location gin_trgm_ops) WHERE status = 'Published';
                DROP TRIGGER listings_note_moved_search_place ON listings;
                DROP FUNCTION roost_note_moved_search_place();
                DROP TRIGGER listings_note_added_search_places ON listings;
                DROP FUNCTION roost_note_added_search_places();
                DROP TABLE search_places;
                """);
        }
    }
}
