using System.Net;
using Roost.Features.Listings;
using Roost.Features.Search;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

[Collection(ApiCollection.Name)]
public sealed class SimilarListingsTests(RoostApp app)
{
    private static Task<ListingResponse> HomeAtAsync(TestUser host, double lat, double lng, string roomType = "entire_place") =>
        host.CreatePublishedAsync(new
        {
            title = $"A {roomType} at {lat:0.00}", description = "For comparing.", propertyType = "house", roomType,
            address = new { street = "Rua 2", city = "Somewhere", countryCode = "PT" }, latitude = lat, longitude = lng, timeZone = "Europe/Lisbon",
            maxGuests = 4, bedrooms = 2, beds = 2, bathrooms = 1, currency = "EUR", nightlyPrice = 15_000, cleaningFee = 3_000, instantBook = true,
        });

    private async Task<List<Guid>> SimilarAsync(Guid listingId, string query = "") =>
        [.. (await (await app.CreateClient().GetAsync($"/api/v1/listings/{listingId}/similar{query}")).ReadAsync<List<SearchResult>>()).Select(r => r.Id)];

    [Fact]
    public async Task A_listing_page_offers_homes_of_the_same_kind_nearby_that_are_free_for_the_guests_dates()
    {
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
        var near = await HomeAtAsync(host, lat + 0.01, lng);
        var room = await HomeAtAsync(host, lat - 0.01, lng, "private_room");
        var far = await HomeAtAsync(host, lat + 1.5, lng);

        var similar = await SimilarAsync(listing.Id);
        similar.ShouldContain(near.Id);
        similar.ShouldNotContain(listing.Id);
        similar.ShouldNotContain(room.Id);
        similar.ShouldNotContain(far.Id);

        var checkIn = TestBookings.Soon(45);
        await (await app.RegisterGuestAsync()).BookAsync(near.Id, checkIn, 3);
        (await SimilarAsync(listing.Id, $"?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(3):yyyy-MM-dd}&guests=2")).ShouldNotContain(near.Id);
        (await SimilarAsync(listing.Id, $"?checkIn={checkIn.AddDays(10):yyyy-MM-dd}&checkOut={checkIn.AddDays(12):yyyy-MM-dd}")).ShouldContain(near.Id);

        var graph = (await app.CreateClient().GraphQLAsync("query($id: ID!) { similarListings(listingId: $id) { node { id } } }", new { id = listing.Id })).ShouldSucceed();
        graph.Data.GetProperty("similarListings").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetGuid()).ShouldContain(near.Id);

        await (await app.CreateClient().GetAsync($"/api/v1/listings/{Guid.NewGuid()}/similar")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/similar?checkIn=soon")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await app.CreateClient().GraphQLAsync("query($id: ID!) { similarListings(listingId: $id, guests: 0) { node { id } } }", new { id = listing.Id }))
            .FirstCode.ShouldBe("BAD_USER_INPUT");
    }
}
