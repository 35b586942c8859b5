using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;

namespace Roost.Bench;

/// <summary>
/// A deterministic dataset (same seed, same rows): listings clustered around fifty cities, a year of bookings at
/// 50-70 % occupancy, host blocks and per-night prices. Everything goes in through binary COPY.
/// </summary>
public static class DatasetGenerator
{
    private static readonly JsonSerializerOptions QuoteJson = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow;
        // No command timeout: finishing a million-row COPY can take longer than the default 30 s on a busy machine.
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(options.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await using var connection = await data.OpenConnectionAsync();

        var hostCount = Math.Max(1, options.Listings / 20);
        var guestCount = Math.Max(10, options.Listings / 10);
        var hosts = Enumerable.Range(0, hostCount).Select(i => Id(random)).ToArray();
        var guests = Enumerable.Range(0, guestCount).Select(i => Id(random)).ToArray();
        // One real hash for every generated account: hashing thousands of passwords would be the whole load time.
        var hash = new PasswordHasher<User>().HashPassword(null!, "bench-password-roost");
        await CopyAsync(connection, "users (id, email, normalized_email, password_hash, first_name, last_name, roles, guest_review_count, host_review_count, created_at, updated_at)", async writer =>
        {
            foreach (var (id, i) in hosts.Select((id, i) => (id, i)).Concat(guests.Select((id, i) => (id, i + hostCount))))
            {
                var email = i < hostCount ? $"bench-host-{i}@roost.test" : $"bench-guest-{i - hostCount}@roost.test";
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(email);
                await writer.WriteAsync(email);
                await writer.WriteAsync(hash);
                await writer.WriteAsync(i < hostCount ? "Hostie" : "Guestie");
                await writer.WriteAsync("Bench");
                await writer.WriteAsync(i < hostCount ? new[] { "guest", "host" } : new[] { "guest" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(0);
                await writer.WriteAsync(0);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
        });

        var listings = new List<GeneratedListing>(options.Listings);
        var amenityCodes = AmenityCatalogue.All.Select(a => a.Code).ToArray();
        for (var n = 0; n < options.Listings; n++)
        {
            var city = WorldCities.All[(int)Math.Min(WorldCities.All.Length - 1, Math.Abs(Gaussian(random) * 14))];
            var spread = 0.02 + (random.NextDouble() * 0.1);
            var guestsMax = random.Next(1, 11);
            var price = Math.Max(1, (long)(city.TypicalNight * Math.Exp(Gaussian(random) * 0.45)));
            listings.Add(new GeneratedListing(
                Id(random), hosts[random.Next(hosts.Length)], city,
                city.Lat + (Gaussian(random) * spread), city.Lng + (Gaussian(random) * spread),
                guestsMax, Math.Max(0, guestsMax / 2), Math.Max(1, (guestsMax + 1) / 2), 1 + (random.Next(0, 4) * 0.5m),
                amenityCodes.OrderBy(_ => random.Next()).Take(random.Next(3, 15)).Order().ToArray(),
                price, random.Next(3) == 0 ? price * 125 / 100 : null, price / 5, random.Next(1, 4),
                random.Next(2) == 0, (CancellationPolicy)random.Next(0, 5), (PropertyType)random.Next(0, 10),
                random.Next(10) < 7 ? RoomType.EntirePlace : RoomType.PrivateRoom, random.Next(4) == 0 ? random.Next(0, 3) : 0,
                random.Next(5) == 0 ? Math.Round(3.5 + (random.NextDouble() * 1.5), 2) : null, random.Next(0, 200),
                now.AddDays(-random.Next(0, 1500))));
        }

        await CopyAsync(connection, """
            listings (id, host_id, status, title, description, property_type, room_type, latitude, longitude, time_zone, max_guests,
                bedrooms, beds, bathrooms, amenities, house_rules, check_in_time, check_out_time, currency, nightly_price, weekend_price,
                cleaning_fee, extra_guest_fee, extra_guests_after, weekly_discount_percent, monthly_discount_percent, min_nights, max_nights,
                advance_notice_days, preparation_nights, booking_window_months, instant_book, cancellation_policy, calendar_token,
                rating_average, review_count, created_at, updated_at, published_at, address_city, address_country_code, address_region)
            """, async writer =>
        {
            foreach (var l in listings)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(l.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(l.Host, NpgsqlDbType.Uuid);
                await writer.WriteAsync("Published");
                await writer.WriteAsync($"{l.Type} in {l.City.Name}");
                await writer.WriteAsync($"A generated home near {l.City.Name}.");
                await writer.WriteAsync(l.Type.ToString());
                await writer.WriteAsync(l.Room.ToString());
                await writer.WriteAsync(l.Lat);
                await writer.WriteAsync(l.Lng);
                await writer.WriteAsync(l.City.TimeZone);
                await writer.WriteAsync(l.MaxGuests);
                await writer.WriteAsync(l.Bedrooms);
                await writer.WriteAsync(l.Beds);
                await writer.WriteAsync(l.Bathrooms, NpgsqlDbType.Numeric);
                await writer.WriteAsync(l.Amenities, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync("");
                await writer.WriteAsync(new TimeOnly(15, 0), NpgsqlDbType.Time);
                await writer.WriteAsync(new TimeOnly(11, 0), NpgsqlDbType.Time);
                await writer.WriteAsync(l.City.Currency);
                await writer.WriteAsync(l.Price);
                if (l.WeekendPrice is { } weekend)
                {
                    await writer.WriteAsync(weekend);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(l.Cleaning);
                await writer.WriteAsync(0L);
                await writer.WriteAsync(1);
                await writer.WriteAsync(10);
                await writer.WriteAsync(25);
                await writer.WriteAsync(l.MinNights);
                await writer.WriteAsync(365);
                await writer.WriteAsync(l.Notice);
                await writer.WriteAsync(0);
                await writer.WriteAsync(12);
                await writer.WriteAsync(l.InstantBook);
                await writer.WriteAsync(l.Policy.ToString());
                await writer.WriteAsync(l.Id.ToString("N"));
                if (l.Rating is { } rating)
                {
                    await writer.WriteAsync(rating);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(l.Rating is null ? 0 : l.Reviews);
                await writer.WriteAsync(l.Created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(l.Created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(l.Created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(l.City.Name);
                await writer.WriteAsync(l.City.Country);
                await writer.WriteAsync(l.City.Region);
            }
        });

        await CopyAsync(connection, "listing_photos (id, listing_id, position, caption, content_type, size_bytes, storage_key, created_at)", async writer =>
        {
            foreach (var l in listings)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Id(random), NpgsqlDbType.Uuid);
                await writer.WriteAsync(l.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(0);
                await writer.WriteAsync("");
                await writer.WriteAsync("image/png");
                await writer.WriteAsync(100L);
                await writer.WriteAsync("bench/placeholder.png");
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
        });

        // A year of stays per listing at its own occupancy between 50 and 70 %, plus one host block for one in ten.
        var occupancies = new List<(Guid Id, Guid Listing, string Kind, DateOnly Start, DateOnly End)>();
        var bookings = new List<(Guid Id, GeneratedListing Listing, Guid Guest, DateOnly Start, DateOnly End, Guid Occupancy)>();
        foreach (var l in listings)
        {
            var occupancy = 0.5 + (random.NextDouble() * 0.2);
            var meanStay = 8 + random.Next(0, 30);
            var meanGap = meanStay * (1 - occupancy) / occupancy;
            var day = today.AddDays((int)(random.NextDouble() * meanGap));
            while (day < today.AddDays(365))
            {
                var length = Math.Max(l.MinNights, (int)Math.Round(meanStay * (0.5 + random.NextDouble())));
                var end = day.AddDays(length);
                var occupancyId = Id(random);
                if (random.Next(20) == 0)
                {
                    occupancies.Add((occupancyId, l.Id, "HostBlock", day, end));
                }
                else
                {
                    occupancies.Add((occupancyId, l.Id, "Booking", day, end));
                    bookings.Add((Id(random), l, guests[random.Next(guests.Length)], day, end, occupancyId));
                }

                day = end.AddDays(Math.Max(0, (int)Math.Round(meanGap * (0.5 + random.NextDouble()))));
            }
        }

        await CopyAsync(connection, "occupancies (id, listing_id, kind, starts_on, ends_on, buffer_nights, created_at)", async writer =>
        {
            foreach (var o in occupancies)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(o.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(o.Listing, NpgsqlDbType.Uuid);
                await writer.WriteAsync(o.Kind);
                await writer.WriteAsync(o.Start, NpgsqlDbType.Date);
                await writer.WriteAsync(o.End, NpgsqlDbType.Date);
                await writer.WriteAsync(0);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
        });

        var rates = new PricingRates(14, 3, 0);
        await CopyAsync(connection, """
            bookings (id, listing_id, guest_id, host_id, check_in, check_out, guests, status, quote, currency, total, cancellation_policy,
                time_zone, check_in_time, check_out_time, check_out_at, occupancy_id, payment_method, amount_captured, amount_refunded, created_at, updated_at)
            """, async writer =>
        {
            foreach (var b in bookings)
            {
                var prices = Enumerable.Range(0, b.End.DayNumber - b.Start.DayNumber)
                    .Select(i => b.Start.AddDays(i).DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday && b.Listing.WeekendPrice is { } w ? w : b.Listing.Price)
                    .ToList();
                var quote = QuoteCalculator.Compute(new StayPricing(b.Listing.Id, b.Start, new Party(1), prices, b.Listing.Cleaning, 0, 1, 10, 25, b.Listing.City.Currency), rates);
                await writer.StartRowAsync();
                await writer.WriteAsync(b.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(b.Listing.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(b.Guest, NpgsqlDbType.Uuid);
                await writer.WriteAsync(b.Listing.Host, NpgsqlDbType.Uuid);
                await writer.WriteAsync(b.Start, NpgsqlDbType.Date);
                await writer.WriteAsync(b.End, NpgsqlDbType.Date);
                await writer.WriteAsync(1);
                await writer.WriteAsync("Confirmed");
                await writer.WriteAsync(JsonSerializer.Serialize(quote with { Nightly = [] }, QuoteJson), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(b.Listing.City.Currency);
                await writer.WriteAsync(quote.Total.Amount);
                await writer.WriteAsync(b.Listing.Policy.ToString());
                await writer.WriteAsync(b.Listing.City.TimeZone);
                await writer.WriteAsync(new TimeOnly(15, 0), NpgsqlDbType.Time);
                await writer.WriteAsync(new TimeOnly(11, 0), NpgsqlDbType.Time);
                await writer.WriteAsync(CancellationRules.InstantAt(b.End, new TimeOnly(11, 0), b.Listing.City.TimeZone), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(b.Occupancy, NpgsqlDbType.Uuid);
                await writer.WriteAsync("pm_card_visa");
                await writer.WriteAsync(quote.Total.Amount);
                await writer.WriteAsync(0L);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
        });

        // Per-night prices: one listing in ten raises the next 30 nights by a fifth.
        var overrides = 0;
        await CopyAsync(connection, "calendar_nights (listing_id, night, price)", async writer =>
        {
            foreach (var l in listings.Where((_, i) => i % 10 == 3))
            {
                for (var d = 0; d < 30; d++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(l.Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(today.AddDays(d), NpgsqlDbType.Date);
                    await writer.WriteAsync(l.Price * 120 / 100);
                    overrides++;
                }
            }
        });

        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Directory.CreateDirectory(options.OutDirectory);
        await File.WriteAllBytesAsync(Path.Combine(options.OutDirectory, "placeholder.png"), PlaceholderImage.Png(64, 48, 90, 140, 200));
        var sample = listings.OrderBy(_ => random.Next()).Take(5000).ToList();
        await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "dataset.lua"), string.Join("\n",
            $"listings = {{{string.Join(",", sample.Select(l => $"\"{l.Id}\""))}}}",
            $"cities = {{{string.Join(",", WorldCities.All.Select(c => $"\"{Uri.EscapeDataString(c.Name)}\""))}}}",
            $"boxes = {{{string.Join(",", WorldCities.All.Select(c => FormattableString.Invariant($"\"{c.Lat - 0.05:0.####},{c.Lng - 0.05:0.####},{c.Lat + 0.05:0.####},{c.Lng + 0.05:0.####}\"")))}}}",
            $"prices = {{{string.Join(",", WorldCities.All.Select(c => c.TypicalNight))}}}",
            $"base_epoch = {new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds()}"));
        await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "dataset.txt"),
            $"{listings.Count} listings, {bookings.Count} bookings, {occupancies.Count - bookings.Count} host blocks, {overrides} per-night prices, {hosts.Length} hosts, {guests.Length} guests (seed {options.Seed})");
        Console.WriteLine($"Loaded {listings.Count} listings, {bookings.Count} bookings, {occupancies.Count - bookings.Count} host blocks, {overrides} per-night prices in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private sealed record GeneratedListing(
        Guid Id, Guid Host, City City, double Lat, double Lng, int MaxGuests, int Bedrooms, int Beds, decimal Bathrooms, string[] Amenities,
        long Price, long? WeekendPrice, long Cleaning, int MinNights, bool InstantBook, CancellationPolicy Policy, PropertyType Type,
        RoomType Room, int Notice, double? Rating, int Reviews, DateTimeOffset Created);

    private static async Task CopyAsync(NpgsqlConnection connection, string target, Func<NpgsqlBinaryImporter, Task> write)
    {
        var clock = Stopwatch.StartNew();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)");
        await write(writer);
        var rows = await writer.CompleteAsync();
        Console.WriteLine($"  {target.Split(' ')[0]}: {rows} rows in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static Guid Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
