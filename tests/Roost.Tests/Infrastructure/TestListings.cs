using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Roost.Features.Listings;

namespace Roost.Tests.Infrastructure;

public static class TestListings
{
    /// <summary>Smallest valid images of each accepted kind (only the leading bytes matter to the server).</summary>
    public static readonly byte[] Png = PlaceholderImage.Png(4, 3, 200, 120, 40);
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0xFF, 0xD9];
    public static readonly byte[] WebP = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8 "u8, 0x0E, 0, 0, 0, 0x30, 0x01, 0, 0x9D, 0x01, 0x2A, 1, 0, 1, 0, 0, 0, 0, 0];

    public static object CompleteInput(string currency = "EUR", long nightlyPrice = 10000, long? weekendPrice = 15000) => new
    {
        title = "Sunny flat by the river",
        description = "Two rooms, a balcony and the river below.",
        propertyType = "apartment",
        roomType = "entire_place",
        address = new { street = "Rua Augusta 1", city = "Lisbon", region = "Lisboa", postalCode = "1100-048", countryCode = "PT" },
        latitude = 38.7101,
        longitude = -9.1372,
        timeZone = "Europe/Lisbon",
        maxGuests = 4,
        bedrooms = 2,
        beds = 2,
        bathrooms = 1.5,
        amenities = new[] { "wifi", "kitchen" },
        currency,
        nightlyPrice,
        weekendPrice,
        cleaningFee = 3000,
        minNights = 1,
        instantBook = true,
        cancellationPolicy = "moderate",
    };

    public static async Task<ListingResponse> CreateDraftAsync(this TestUser host, object? input = null)
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/listings", input ?? CompleteInput());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ListingResponse>(TestJson.Options))!;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid listingId, byte[] bytes, string fileName = "photo.png", string contentType = "image/png", string? caption = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        if (caption is not null)
        {
            form.Add(new StringContent(caption), "caption");
        }

        return client.PostAsync($"/api/v1/listings/{listingId}/photos", form);
    }

    public static async Task<PhotoResponse> UploadPhotoAsync(this TestUser host, Guid listingId)
    {
        var response = await host.Client.UploadAsync(listingId, Png);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PhotoResponse>(TestJson.Options))!;
    }

    public static async Task<ListingResponse> CreatePublishedAsync(this TestUser host, object? input = null)
    {
        var listing = await host.CreateDraftAsync(input);
        await host.UploadPhotoAsync(listing.Id);
        var published = await host.Client.PostAsync($"/api/v1/listings/{listing.Id}/publish", null);
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        return (await published.Content.ReadFromJsonAsync<ListingResponse>(TestJson.Options))!;
    }

    /// <summary>
    /// A published listing on a spot of its own (a whole degree from any other test's), so a search by point and
    /// radius there finds it and nothing another test made.
    /// </summary>
    public static async Task<(ListingResponse Listing, double Lat, double Lng)> CreatePublishedAloneAsync(this TestUser host, string instantBookFor = "everyone")
    {
        var (lat, lng) = (Random.Shared.Next(-60, 60) + Random.Shared.Next(1, 99) / 100.0, Random.Shared.Next(-170, 170) + Random.Shared.Next(1, 99) / 100.0);
        var listing = await host.CreatePublishedAsync(new
        {
            title = "A home on its own", description = "Found only where it is.", propertyType = "house", roomType = "entire_place",
            address = new { street = "Rua 1", city = "Somewhere", countryCode = "PT" }, latitude = lat, longitude = lng, timeZone = "Europe/Lisbon",
            maxGuests = 6, bedrooms = 3, beds = 3, bathrooms = 2, currency = "EUR", nightlyPrice = 20_000, cleaningFee = 5_000, instantBook = true, instantBookFor,
        });
        return (listing, lat, lng);
    }
}
