using System.Net;
using System.Net.Http.Json;
using Roost.Features.Listings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Listings;

[Collection(ApiCollection.Name)]
public sealed class ListingValidationTests(RoostApp app)
{
    public static TheoryData<string, string> BadEdits => new()
    {
        { """{"latitude": 91}""", "latitude" },
        { """{"longitude": -180.5}""", "longitude" },
        { """{"nightlyPrice": 0}""", "nightlyPrice" },
        { """{"nightlyPrice": -100}""", "nightlyPrice" },
        { """{"nightlyPrice": 100000000000}""", "nightlyPrice" },
        { """{"cleaningFee": -1}""", "cleaningFee" },
        { """{"weeklyDiscountPercent": 91}""", "weeklyDiscountPercent" },
        { """{"monthlyDiscountPercent": -1}""", "monthlyDiscountPercent" },
        { """{"minNights": 10, "maxNights": 5}""", "minNights" },
        { """{"maxNights": 0}""", "maxNights" },
        { """{"timeZone": "Mars/Olympus_Mons"}""", "timeZone" },
        { """{"timeZone": "Pacific Standard Time"}""", "timeZone" },
        { """{"bathrooms": 1.25}""", "bathrooms" },
        { """{"maxGuests": 0}""", "maxGuests" },
        { """{"title": ""}""", "title" },
        { """{"address": {"city": "Lisbon", "countryCode": "PRT"}}""", "address.countryCode" },
        { """{"propertyType": "castle"}""", "" },
        { """{"hostId": "00000000-0000-0000-0000-000000000001"}""", "" },
        { """{"status": "published"}""", "" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task A_bad_edit_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        var response = await host.Client.PatchAsync($"/api/v1/listings/{listing.Id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        if (field.Length > 0)
        {
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        }

        var after = (await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options))!;
        after.ShouldBeEquivalentTo(listing with { Host = after.Host, MissingForPublication = after.MissingForPublication });
    }

    [Fact]
    public async Task An_unknown_currency_is_refused_and_a_published_listing_keeps_its_currency()
    {
        var host = await app.RegisterHostAsync();
        await (await host.Client.PostAsJsonAsync("/api/v1/listings", new { title = "X", currency = "XYZ" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PostAsJsonAsync("/api/v1/listings", new { title = "X" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var listing = await host.CreatePublishedAsync();
        var change = await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { currency = "USD" });
        (await change.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("currency", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_time_zone_follows_a_single_zone_country_when_not_given()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreateDraftAsync(new { title = "Berlin flat", currency = "EUR", address = new { city = "Berlin", countryCode = "DE" } });

        listing.TimeZone.ShouldBe("Europe/Berlin");
    }
}
