using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roost.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_listings_published_nightly_price;
                DROP INDEX IF EXISTS ix_listings_earth;
                DROP INDEX IF EXISTS ix_listings_point;
                DROP INDEX IF EXISTS ix_listings_search_location;
                ALTER TABLE listings DROP COLUMN IF EXISTS search_location;
                DROP FUNCTION IF EXISTS roost_unaccent(text);
                """);
        }
    }
}
