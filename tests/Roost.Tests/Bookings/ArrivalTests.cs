using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class ArrivalTests(RoostApp app)
{
    private const string Instructions = "Key box left of the door, code 4711.";

    private async Task<(TestUser Host, Guid Listing)> HostWithInstructionsAsync(bool instantBook)
    {
        var host = await app.RegisterHostAsync();
        var draft = await host.CreateDraftAsync();
        var edited = await host.Client.PatchAsJsonAsync($"/api/v1/listings/{draft.Id}", new { checkInInstructions = Instructions, instantBook });
        (await edited.ReadAsync<ListingResponse>()).CheckInInstructions.ShouldBe(Instructions);
        await host.UploadPhotoAsync(draft.Id);
        (await host.Client.PostAsync($"/api/v1/listings/{draft.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (host, draft.Id);
    }

    [Fact]
    public async Task The_guest_tells_the_host_when_to_expect_them_and_only_the_guest_of_a_stay_to_come()
    {
        var (host, listing) = await HostWithInstructionsAsync(instantBook: true);
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(30), 2);

        var told = await (await guest.Client.PutAsJsonAsync($"/api/v1/bookings/{booking.Id}/expected-arrival", new { time = "13:30" })).ReadAsync<BookingResponse>();

        told.ExpectedArrival.ShouldBe(new TimeOnly(13, 30));
        (await host.Client.GetFromJsonAsync<ArrivalDetails>($"/api/v1/bookings/{booking.Id}/arrival", TestJson.Options))!.ExpectedArrival.ShouldBe(new TimeOnly(13, 30));
        var notice = (await app.NoticesAsync(host.Id)).Last(n => n.Type == "arrival_time");
        notice.Body.ShouldContain("13:30");
        notice.Body.ShouldContain("before your check-in time (15:00)");
        await (await host.Client.PutAsJsonAsync($"/api/v1/bookings/{booking.Id}/expected-arrival", new { time = "18:00" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.RegisterGuestAsync()).Client.PutAsJsonAsync($"/api/v1/bookings/{booking.Id}/expected-arrival", new { time = "18:00" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await guest.Client.PutAsJsonAsync($"/api/v1/bookings/{booking.Id}/expected-arrival", new { time = "25:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var cleared = (await guest.Client.GraphQLAsync("mutation($id: ID!) { setExpectedArrival(bookingId: $id, time: null) { expectedArrival } }", new { id = booking.Id })).ShouldSucceed();
        cleared.Data.GetProperty("setExpectedArrival").GetProperty("expectedArrival").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await guest.Client.PutAsJsonAsync($"/api/v1/bookings/{booking.Id}/expected-arrival", new { time = "18:00" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_public_sees_the_area_and_a_confirmed_guest_the_door()
    {
        var (host, listing) = await HostWithInstructionsAsync(instantBook: true);
        var publicView = await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing}", TestJson.Options);
        publicView!.CheckInInstructions.ShouldBeNull();
        publicView.Address.Street.ShouldBeNull();
        (publicView.Latitude, publicView.Longitude).ShouldBe((38.71, -9.137));

        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(), 2);
        var arrival = await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).ReadAsync<ArrivalDetails>();

        arrival.Address.ShouldBe(new Address("Rua Augusta 1", "Lisbon", "Lisboa", "1100-048", "PT"));
        (arrival.Latitude, arrival.Longitude).ShouldBe((38.7101, -9.1372));
        arrival.CheckInInstructions.ShouldBe(Instructions);
        (arrival.CheckIn, arrival.CheckInTime, arrival.TimeZone).ShouldBe((booking.CheckIn, new TimeOnly(15, 0), "Europe/Lisbon"));
        (arrival.HostFirstName, arrival.HostPhone).ShouldBe(("Test", "+351 912 345 678"));
        (await host.Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.RegisterAdminAsync()).Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await (await app.RegisterGuestAsync()).Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // A cancelled stay's guest no longer gets the way in.
        (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await (await host.Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).ReadAsync<ArrivalDetails>()).CheckInInstructions.ShouldBeNull();
    }

    [Fact]
    public async Task A_request_shares_the_address_only_once_the_host_accepts_and_graphql_says_the_same()
    {
        var (host, listing) = await HostWithInstructionsAsync(instantBook: false);
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing, TestBookings.Soon(50), 2);
        const string Query = "query($id: ID!) { booking(id: $id) { status arrival { address { street } checkInInstructions } } }";

        await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var pending = await guest.Client.GraphQLAsync(Query, new { id = booking.Id });
        pending.FirstCode.ShouldBe("CONFLICT");
        pending.Data.GetProperty("booking").GetProperty("status").GetString().ShouldBe("PENDING");
        pending.Data.GetProperty("booking").GetProperty("arrival").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirmed = (await guest.Client.GraphQLAsync(Query, new { id = booking.Id })).ShouldSucceed();
        confirmed.Data.GetProperty("booking").GetProperty("arrival").ToString()
            .ShouldBe($$"""{"address":{"street":"Rua Augusta 1"},"checkInInstructions":"{{Instructions}}"}""");
    }
}
