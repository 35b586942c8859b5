using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Files;

namespace Roost.Features.Listings;

/// <summary>About 200 published listings over a dozen cities, the same every time (fixed seed), created once.</summary>
public sealed class DemoListings(RoostDb db, AccountAdministration accounts, IFileStore files, TimeProvider time)
{
    private sealed record City(string Name, string Region, string CountryCode, double Latitude, double Longitude, string TimeZone, string Currency, long TypicalNight);

    private static readonly City[] Cities =
    [
        new("Lisbon", "Lisboa", "PT", 38.7223, -9.1393, "Europe/Lisbon", "EUR", 9500),
        new("Porto", "Porto", "PT", 41.1579, -8.6291, "Europe/Lisbon", "EUR", 8000),
        new("Paris", "Île-de-France", "FR", 48.8566, 2.3522, "Europe/Paris", "EUR", 16000),
        new("Barcelona", "Catalonia", "ES", 41.3874, 2.1686, "Europe/Madrid", "EUR", 13000),
        new("Berlin", "Berlin", "DE", 52.5200, 13.4050, "Europe/Berlin", "EUR", 11000),
        new("Rome", "Lazio", "IT", 41.9028, 12.4964, "Europe/Rome", "EUR", 12000),
        new("London", "England", "GB", 51.5072, -0.1276, "Europe/London", "GBP", 15000),
        new("Amsterdam", "North Holland", "NL", 52.3676, 4.9041, "Europe/Amsterdam", "EUR", 17000),
        new("New York", "New York", "US", 40.7128, -74.0060, "America/New_York", "USD", 22000),
        new("Tokyo", "Tokyo", "JP", 35.6762, 139.6503, "Asia/Tokyo", "JPY", 18000),
        new("Cape Town", "Western Cape", "ZA", -33.9249, 18.4241, "Africa/Johannesburg", "ZAR", 150000),
        new("Mexico City", "CDMX", "MX", 19.4326, -99.1332, "America/Mexico_City", "MXN", 180000),
    ];

    private static readonly string[] Adjectives = ["Sunny", "Quiet", "Bright", "Cosy", "Modern", "Historic", "Airy", "Charming", "Spacious", "Hidden"];
    private static readonly string[] Nouns = ["loft", "flat", "studio", "townhouse", "retreat", "nest", "hideaway", "apartment", "house", "garden room"];

    public async Task SeedAsync(int count, CancellationToken cancellationToken)
    {
        var hosts = new List<User>();
        for (var i = 1; i <= 5; i++)
        {
            var email = i == 1 ? "host@roost.test" : $"host{i}@roost.test";
            hosts.Add(await accounts.EnsureUserAsync(email, DemoPassword, $"Host{i}", "Demo", [Roles.Guest, Roles.Host], cancellationToken));
        }

        var hostIds = hosts.Select(h => h.Id).ToList();
        if (await db.Listings.AnyAsync(l => hostIds.Contains(l.HostId), cancellationToken))
        {
            return;
        }

        var random = new Random(2026);
        var now = time.GetUtcNow();
        var amenityCodes = AmenityCatalogue.All.Select(a => a.Code).ToArray();
        for (var n = 0; n < count; n++)
        {
            var city = Cities[n % Cities.Length];
            var listing = Listing.CreateDraft(hostIds[n % hostIds.Count], now);
            var guests = random.Next(1, 9);
            var price = city.TypicalNight * random.Next(60, 220) / 100;
            listing.Apply(new ListingInput(
                Title: $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]} in {city.Name}",
                Description: $"A demo home in {city.Name} for up to {guests} guests.",
                PropertyType: (PropertyType)random.Next(0, 6),
                RoomType: random.Next(10) < 7 ? RoomType.EntirePlace : RoomType.PrivateRoom,
                Address: new AddressInput($"Demo street {n + 1}", city.Name, city.Region, "0000", city.CountryCode),
                Latitude: city.Latitude + ((random.NextDouble() - 0.5) * 0.12),
                Longitude: city.Longitude + ((random.NextDouble() - 0.5) * 0.12),
                TimeZone: city.TimeZone,
                MaxGuests: guests,
                Bedrooms: Math.Max(1, guests / 2),
                Beds: Math.Max(1, (guests + 1) / 2),
                Bathrooms: 1 + (random.Next(0, 3) * 0.5m),
                Amenities: amenityCodes.OrderBy(_ => random.Next()).Take(random.Next(4, 12)).ToArray(),
                Currency: city.Currency,
                NightlyPrice: price,
                WeekendPrice: random.Next(3) == 0 ? price * 120 / 100 : null,
                CleaningFee: price / 4,
                MinNights: random.Next(1, 4),
                InstantBook: random.Next(2) == 0,
                CancellationPolicy: (CancellationPolicy)random.Next(0, 5)), now);

            var bytes = PlaceholderImage.Png(64, 48, (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            var photo = ListingPhoto.Create(listing.Id, 0, ImageKind.Png, bytes.Length, "Living room", now);
            await files.SaveAsync(photo.StorageKey, new MemoryStream(bytes), cancellationToken);
            listing.Photos.Add(photo);
            listing.Publish(now);
            db.Listings.Add(listing);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public const string DemoPassword = "demo-password-roost";
}
