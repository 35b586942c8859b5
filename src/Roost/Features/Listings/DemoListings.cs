using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Files;

namespace Roost.Features.Listings;

/// <summary>About 200 published listings over a dozen cities, the same every time (fixed seed), created once.</summary>
public sealed class DemoListings(RoostDb db, AccountAdministration accounts, IFileStore files, TimeProvider time)
{
    private static readonly City[] Cities = [.. WorldCities.All.Take(12)];

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
            // Drawn inside the input, in the order the seed has always drawn: the same demo homes run after run.
            string[] amenities;
            listing.Apply(new ListingInput(
                Title: $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]} in {city.Name}",
                Description: $"A demo home in {city.Name} for up to {guests} guests.",
                PropertyType: (PropertyType)random.Next(0, 6),
                RoomType: random.Next(10) < 7 ? RoomType.EntirePlace : RoomType.PrivateRoom,
                Address: new AddressInput($"Demo street {n + 1}", city.Name, city.Region, "0000", city.Country),
                Latitude: city.Lat + ((random.NextDouble() - 0.5) * 0.12),
                Longitude: city.Lng + ((random.NextDouble() - 0.5) * 0.12),
                TimeZone: city.TimeZone,
                MaxGuests: guests,
                Bedrooms: Math.Max(1, guests / 2),
                Beds: Math.Max(1, (guests + 1) / 2),
                Bathrooms: 1 + (random.Next(0, 3) * 0.5m),
                Amenities: amenities = amenityCodes.OrderBy(_ => random.Next()).Take(random.Next(4, 12)).ToArray(),
                Currency: city.Currency,
                NightlyPrice: price,
                WeekendPrice: random.Next(3) == 0 ? price * 120 / 100 : null,
                CleaningFee: price / 4,
                MinNights: random.Next(1, 4),
                InstantBook: random.Next(2) == 0,
                CancellationPolicy: (CancellationPolicy)random.Next(0, 5),
                CheckInInstructions: $"The key box is left of the front door of Demo street {n + 1}; its code is {random.Next(1000, 10000)}.",
                MaxPets: amenities.Contains(AmenityCatalogue.PetsAllowed) ? 2 : 0,
                PetFee: amenities.Contains(AmenityCatalogue.PetsAllowed) ? price / 5 : 0), now);

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
