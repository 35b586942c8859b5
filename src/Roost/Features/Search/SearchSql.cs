using System.Text;
using Npgsql;
using NpgsqlTypes;
using Roost.Features.Bookings;
using Roost.Features.Calendar;

namespace Roost.Features.Search;

/// <summary>
/// Builds the one SQL statement a search runs, with only the predicates it needs, all values as parameters.
/// The same text (parameters renamed) is what the benchmark feeds pgbench, so the two measure the same query.
/// </summary>
public static class SearchSql
{
    public sealed record Statement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

    public static Statement Build(SearchParameters search, DateTimeOffset now, BookingOptions pricing)
    {
        // Two kinds of condition: those a listing's own row answers, checked for every candidate before the ranking,
        // and probes into other tables (occupancies, calendar nights, hosts), checked after it in rank order, so a
        // page of 20 stops probing once it has 21 (measured: a popular city probed ~5,000 candidates for 21 rows).
        var where = new StringBuilder("l.status = 'Published'");
        var probes = new StringBuilder("true");
        var parameters = new List<NpgsqlParameter>();
        void Add(string name, object value, NpgsqlDbType? type = null) =>
            parameters.Add(type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value));

        Add("now", now, NpgsqlDbType.TimestampTz);
        // Relevance decays with time, so every page of one search scores as of its first page; else pages drift.
        Add("as_of", search.After?.AsOf ?? now, NpgsqlDbType.TimestampTz);
        Add("guests", search.Guests);
        where.Append(" AND l.max_guests >= @guests");
        if (search.PublishedAfter is { } since)
        {
            // A saved search's alert: only homes that went live since it was last checked.
            Add("published_after", since, NpgsqlDbType.TimestampTz);
            where.Append(" AND l.published_at > @published_after");
        }

        Add("pets", search.Pets);
        if (search.Pets > 0)
        {
            where.Append(" AND l.max_pets >= @pets");
        }

        if (search.Location is { } location)
        {
            // Word similarity against "city region country", accent- and case-free: "lisbn" still finds Lisbon. The
            // fuzzy match runs over the distinct places; the listings of the places it finds come from a covering
            // index (measured: matching each listing's own text, then reading its row, was most of a city's search).
            Add("location", location);
            where.Append(" AND l.search_location = ANY (ARRAY(SELECT p.search_location FROM search_places p WHERE lower(roost_unaccent(@location)) <% p.search_location))");
        }

        // Boxes, circles and distances go by the public point, as the results show it: filters on the exact one would
        // let anyone narrow a home down to the metre by moving a box's edge.
        if (search.Box is { } box)
        {
            Add("sw_lat", box.SwLat);
            Add("sw_lng", box.SwLng);
            Add("ne_lat", box.NeLat);
            Add("ne_lng", box.NeLng);
            where.Append(box.SwLng <= box.NeLng
                ? " AND point(l.public_longitude, l.public_latitude) <@ box(point(@sw_lng, @sw_lat), point(@ne_lng, @ne_lat))"
                : " AND (point(l.public_longitude, l.public_latitude) <@ box(point(@sw_lng, @sw_lat), point(180, @ne_lat)) OR point(l.public_longitude, l.public_latitude) <@ box(point(-180, @sw_lat), point(@ne_lng, @ne_lat)))");
        }

        var distance = "0";
        if (search.Circle is { } circle)
        {
            Add("lat", circle.Lat);
            Add("lng", circle.Lng);
            Add("radius_m", circle.RadiusKm * 1000);
            distance = "earth_distance(ll_to_earth(@lat, @lng), ll_to_earth(l.public_latitude, l.public_longitude))";
            where.Append(" AND earth_box(ll_to_earth(@lat, @lng), @radius_m) @> ll_to_earth(l.public_latitude, l.public_longitude)")
                .Append($" AND {distance} <= @radius_m");
        }

        if (search.PropertyTypes.Count > 0)
        {
            Add("property_types", search.PropertyTypes.Select(t => t.ToString()).ToArray());
            where.Append(" AND l.property_type = ANY(@property_types)");
        }

        if (search.RoomTypes.Count > 0)
        {
            Add("room_types", search.RoomTypes.Select(t => t.ToString()).ToArray());
            where.Append(" AND l.room_type = ANY(@room_types)");
        }

        if (search.CancellationPolicies is { Count: > 0 } policies)
        {
            Add("policies", policies.Select(p => p.ToString()).ToArray());
            where.Append(" AND l.cancellation_policy = ANY(@policies)");
        }

        if (search.Amenities.Count > 0)
        {
            Add("amenities", search.Amenities.ToArray());
            where.Append(" AND l.amenities @> @amenities");
        }

        if (search.InstantBook is { } instant)
        {
            Add("instant_book", instant);
            where.Append(" AND l.instant_book = @instant_book");
            // "Book at once" means at once for this caller: a host who keeps it for verified or reviewed guests
            // is left out for anyone else (they would send a request there).
            if (instant && search.InstantRulesAdmitting is { } admitting)
            {
                Add("instant_rules", admitting.Select(r => r.ToString()).ToArray());
                where.Append(" AND l.instant_book_for = ANY(@instant_rules)");
            }
        }

        if (search.Superhost)
        {
            probes.Append(" AND EXISTS (SELECT 1 FROM users u WHERE u.id = l.host_id AND u.superhost_since IS NOT NULL)");
        }

        if (search.MinBedrooms is { } bedrooms)
        {
            Add("min_bedrooms", bedrooms);
            where.Append(" AND l.bedrooms >= @min_bedrooms");
        }

        if (search.MinBeds is { } beds)
        {
            Add("min_beds", beds);
            where.Append(" AND l.beds >= @min_beds");
        }

        if (search.MinBathrooms is { } bathrooms)
        {
            Add("min_bathrooms", bathrooms);
            where.Append(" AND l.bathrooms >= @min_bathrooms");
        }

        var stay = "";
        var total = "NULL::bigint";
        if (search is { CheckIn: { } checkIn, CheckOut: { } checkOut })
        {
            // Every listing's local today is within a day of UTC's: only stays near a bound pay for a time-zone
            // conversion (which costs more than the rest of the row's checks together). The bounds are worked out
            // here, once, so a candidate's own checks are integer comparisons (measured: date arithmetic per
            // candidate was a tenth of a city's search).
            var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
            var leadDays = checkIn.DayNumber - utcToday.DayNumber;
            var (windowSure, windowNever) = WindowMonths(utcToday, checkOut);
            Add("check_in", checkIn, NpgsqlDbType.Date);
            Add("check_out", checkOut, NpgsqlDbType.Date);
            Add("nights", checkOut.DayNumber - checkIn.DayNumber);
            Add("notice_sure", leadDays - 1);
            Add("notice_never", leadDays + 1);
            Add("window_sure", windowSure);
            Add("window_never", windowNever);
            Add("check_in_day", 1 << (int)checkIn.DayOfWeek);
            Add("check_out_day", 1 << (int)checkOut.DayOfWeek);
            Add("service_fee_pct", pricing.GuestServiceFeePercent);
            Add("tax_countries", pricing.TaxPercentByCountry.Keys.ToArray());
            Add("tax_pcts", pricing.TaxPercentByCountry.Values.ToArray());
            // Bookable as the quote would say: the listing's own today, notice, window and stay length (read from the
            // listing's row), and no occupancy in the way (probed in other tables, so only for the candidates the page
            // reaches). The exclusion constraints' rule is split in three probes that plain b-tree indexes answer
            // (measured: a GiST probe per candidate was most of a popular city's search): no shared night; no booking
            // starting inside this stay's preparation nights; no booking whose preparation nights this stay would
            // start in.
            where.Append("""
                 AND l.time_zone IS NOT NULL AND l.nightly_price IS NOT NULL
                 AND CASE WHEN l.advance_notice_days <= @notice_sure THEN true
                          WHEN l.advance_notice_days > @notice_never THEN false
                          ELSE @check_in >= (@now AT TIME ZONE l.time_zone)::date + l.advance_notice_days END
                 AND CASE WHEN l.booking_window_months >= @window_sure THEN true
                          WHEN l.booking_window_months <= @window_never THEN false
                          ELSE @check_out <= ((@now AT TIME ZONE l.time_zone)::date + make_interval(months => l.booking_window_months))::date END
                 AND (l.check_in_days & @check_in_day) <> 0
                 AND (l.check_out_days & @check_out_day) <> 0
                 AND @nights <= l.max_nights
                """);
            probes.Append("""
                 AND @nights >= COALESCE((SELECT n.min_nights FROM calendar_nights n WHERE n.listing_id = l.id AND n.night = @check_in), l.min_nights)
                 AND NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.listing_id = l.id AND o.ends_on > @check_in AND o.starts_on < @check_out)
                 AND (l.preparation_nights = 0 OR NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.listing_id = l.id AND o.kind = 'Booking'
                                 AND o.starts_on >= @check_out AND o.starts_on < @check_out + l.preparation_nights))
                 AND NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.listing_id = l.id AND o.kind = 'Booking' AND o.buffer_nights > 0
                                 AND o.ends_on <= @check_in AND o.ends_on + o.buffer_nights > @check_in)
                """);
            // The stay's total by the quote's arithmetic (QuoteCalculator), each line rounded half away from zero. The
            // nights' sum is the base and weekend prices by count, corrected by the stay's priced nights (one range
            // probe) — the same sum as pricing each night, without a row per night per candidate. OFFSET 0 keeps it
            // one subquery per row: flattened, its probe was copied into each of the total's six uses of the sum.
            Add("weekend_nights", WeekendNights(checkIn, checkOut));
            Add("weekend_days", NightPricing.WeekendIsoDays);
            stay = """
                CROSS JOIN LATERAL (
                    SELECT (@nights * l.nightly_price
                            + CASE WHEN l.weekend_price IS NOT NULL THEN @weekend_nights * (l.weekend_price - l.nightly_price) ELSE 0 END
                            + COALESCE((SELECT sum(n.price - CASE WHEN l.weekend_price IS NOT NULL AND extract(isodow FROM n.night)::int = ANY(@weekend_days) THEN l.weekend_price ELSE l.nightly_price END)
                                        FROM calendar_nights n WHERE n.listing_id = l.id AND n.night >= @check_in AND n.night < @check_out AND n.price IS NOT NULL), 0))::bigint AS subtotal,
                           @nights AS nights,
                           (@now AT TIME ZONE l.time_zone)::date AS today
                    OFFSET 0) s
                CROSS JOIN LATERAL (
                    SELECT s.subtotal + l.extra_guest_fee * greatest(0, @guests - l.extra_guests_after) * s.nights
                           - round(s.subtotal * greatest(
                                 CASE WHEN s.nights >= 28 THEN l.monthly_discount_percent WHEN s.nights >= 7 THEN l.weekly_discount_percent ELSE 0 END,
                                 CASE WHEN @check_in - s.today <= l.last_minute_days THEN l.last_minute_discount_percent ELSE 0 END,
                                 CASE WHEN @check_in >= s.today + make_interval(months => l.early_bird_months) THEN l.early_bird_discount_percent ELSE 0 END)::numeric / 100)::bigint
                           + l.cleaning_fee + CASE WHEN @pets > 0 THEN l.pet_fee ELSE 0 END AS fee_base) f
                CROSS JOIN LATERAL (
                    SELECT COALESCE((SELECT t.pct FROM unnest(@tax_countries::text[], @tax_pcts::numeric[]) AS t(country, pct) WHERE t.country = l.address_country_code), 0) AS tax_pct) x
                """;
            total = "(f.fee_base + round(f.fee_base * @service_fee_pct::numeric / 100)::bigint + round(f.fee_base * x.tax_pct / 100)::bigint)";
        }

        // A stay's total is worked out before the ranking only when the ranking or a filter needs it; otherwise for
        // the page's rows alone.
        var price = search.HasDates ? total : "l.nightly_price";
        var priceRanks = search.HasDates && (search.MinPrice is not null || search.MaxPrice is not null || search.Sort is SearchSort.Price or SearchSort.PriceDescending);
        if (search.MinPrice is { } min)
        {
            Add("min_price", min);
            where.Append($" AND {price} >= @min_price");
        }

        if (search.MaxPrice is { } max)
        {
            Add("max_price", max);
            where.Append($" AND {price} <= @max_price");
        }

        // Relevance (documented in README): 70 % quality — rating out of 5 weighted by how many reviews back it
        // (saturating at 100) — and 30 % freshness, halving every 180 days since publication. Every term is float8:
        // extract() answers numeric, whose power() cost more than the rest of a city's search (measured).
        var (sortKey, descending) = search.Sort switch
        {
            SearchSort.Price => ($"({price})::float8", false),
            SearchSort.PriceDescending => ($"({price})::float8", true),
            SearchSort.Rating => ("COALESCE(l.rating_average, 0)::float8 * 1000 + l.review_count", true),
            SearchSort.Newest => ("date_part('epoch', l.published_at)", true),
            SearchSort.Distance => ($"({distance})::float8", false),
            _ => ("(0.7 * COALESCE(l.rating_average, 0) / 5 * least(1, ln(1 + l.review_count) / ln(101)) + 0.3 * power(0.5::float8, date_part('epoch', @as_of - COALESCE(l.published_at, l.created_at)) / 86400 / 180))::float8", true),
        };

        var page = "";
        if (search.After is { } after)
        {
            Add("after_key", after.Key);
            Add("after_id", after.Id);
            page = descending ? "WHERE (r.sort_key, r.id) < (@after_key, @after_id)" : "WHERE (r.sort_key, r.id) > (@after_key, @after_id)";
        }

        Add("limit", search.Limit + 1);
        var direction = descending ? "DESC" : "ASC";
        // The candidates are ranked first (OFFSET 0 keeps the planner from pushing the probes below the ranking), then
        // read in rank order, probed, priced and given their photo until the page is full. The badge is looked up for
        // the page's rows only.
        var sql = $"""
            SELECT q.*, EXISTS (SELECT 1 FROM users u WHERE u.id = q.host_id AND u.superhost_since IS NOT NULL) AS superhost FROM (
                SELECT l.id, l.title, l.address_city AS city, l.public_latitude AS latitude, l.public_longitude AS longitude, l.rating_average, l.review_count,
                       l.nightly_price, l.currency, {(priceRanks ? "c.total" : total)} AS total,
                       (SELECT p.storage_key FROM listing_photos p WHERE p.listing_id = l.id ORDER BY p.position LIMIT 1) AS photo,
                       c.sort_key, l.host_id
                FROM (
                    SELECT r.id, r.sort_key, r.total FROM (
                        SELECT l.id, {sortKey} AS sort_key, {(priceRanks ? total : "NULL::bigint")} AS total
                        FROM listings l
                        {(priceRanks ? stay : "")}
                        WHERE {where}
                    ) r
                    {page}
                    ORDER BY r.sort_key {direction}, r.id {direction}
                    OFFSET 0
                ) c
                JOIN listings l ON l.id = c.id
                {(priceRanks ? "" : stay)}
                WHERE {probes}
                ORDER BY c.sort_key {direction}, c.id {direction}
                LIMIT @limit
            ) q
            ORDER BY q.sort_key {direction}, q.id {direction}
            """;
        return new Statement(sql, parameters);
    }

    private static int WeekendNights(DateOnly checkIn, DateOnly checkOut) =>
        Enumerable.Range(0, checkOut.DayNumber - checkIn.DayNumber).Count(offset => NightPricing.IsWeekendNight(checkIn.AddDays(offset)));

    /// <summary>
    /// A stay fits a booking window of <c>Sure</c> months or more wherever the listing is (its local today is at
    /// least UTC's yesterday), and none of <c>Never</c> months or fewer (its today is at most UTC's tomorrow).
    /// </summary>
    private static (int Sure, int Never) WindowMonths(DateOnly utcToday, DateOnly checkOut)
    {
        const int Longest = 1200;
        var sure = 0;
        while (sure < Longest && utcToday.AddDays(-1).AddMonths(sure) < checkOut)
        {
            sure++;
        }

        var never = -1;
        while (never < Longest && utcToday.AddDays(1).AddMonths(never + 1) < checkOut)
        {
            never++;
        }

        return (sure, never);
    }
}
