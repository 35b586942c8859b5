using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class TripGuestTests(RoostApp app)
{
    [Fact]
    public async Task A_companion_the_guest_invited_joins_the_trip_reads_it_and_its_way_in_but_cannot_act_on_it()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2, guests: 2);
        var friend = await app.RegisterGuestAsync("friend");

        var invitation = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/travellers", new { email = friend.Email.ToUpperInvariant() }))
            .ReadAsync<TravellerResponse>(HttpStatusCode.Created);

        (invitation.Status, invitation.Email).ShouldBe(("invited", friend.Email));
        (await app.NoticesAsync(friend.Id)).ShouldContain(n => n.Type == "trip_invitation");
        await (await friend.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await friend.Client.PostAsync($"/api/v1/trip-invitations/{invitation.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await app.ConfirmAddressAsync(friend);
        (await (await friend.Client.PostAsync($"/api/v1/trip-invitations/{invitation.Id}/accept", null)).ReadAsync<TravellerResponse>()).Status.ShouldBe("accepted");

        (await (await friend.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Id.ShouldBe(booking.Id);
        (await (await friend.Client.GetAsync($"/api/v1/bookings/{booking.Id}/arrival")).ReadAsync<System.Text.Json.JsonElement>())
            .GetProperty("address").GetProperty("street").GetString().ShouldBe("Rua Augusta 1");
        (await (await friend.Client.GetAsync("/api/v1/me/trips")).ReadAsync<Page<TripSummary>>()).Items.Single().Id.ShouldBe(booking.Id);
        (await app.NoticesAsync(guest.Id)).ShouldContain(n => n.Type == "trip_invitation_accepted");
        await (await friend.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await friend.Client.GetAsync($"/api/v1/bookings/{booking.Id}/receipt")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await host.Client.GetAsync($"/api/v1/bookings/{booking.Id}/travellers")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await friend.Client.DeleteAsync($"/api/v1/bookings/{booking.Id}/travellers/{invitation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await friend.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_companion_without_an_account_is_mailed_the_invitation_and_joins_after_signing_up_with_that_address()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2, guests: 2);
        var address = TestUsers.NewEmail("friend");

        var invitation = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/travellers", new { email = address }))
            .ReadAsync<TravellerResponse>(HttpStatusCode.Created);

        var mail = await app.StrangerMailAsync(address, "trip_invitation");
        mail.To.Mailboxes.Single().Address.ShouldBe(address);
        mail.TextBody!.ShouldContain($"{booking.CheckIn:yyyy-MM-dd} to {booking.CheckOut:yyyy-MM-dd}");
        var friend = await app.RegisterAsAsync(address);
        await app.ConfirmAddressAsync(friend);
        (await (await friend.Client.PostAsync($"/api/v1/trip-invitations/{invitation.Id}/accept", null)).ReadAsync<TravellerResponse>()).Status.ShouldBe("accepted");
        (await (await friend.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Id.ShouldBe(booking.Id);
    }

    [Fact]
    public async Task Only_the_guest_who_booked_invites_and_no_more_than_the_booking_is_for()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2, guests: 2);
        var url = $"/api/v1/bookings/{booking.Id}/travellers";

        (await guest.Client.PostAsJsonAsync(url, new { email = TestUsers.NewEmail() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await guest.Client.PostAsJsonAsync(url, new { email = TestUsers.NewEmail() })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await guest.Client.PostAsJsonAsync(url, new { email = guest.Email })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await host.Client.PostAsJsonAsync(url, new { email = TestUsers.NewEmail() })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.RegisterGuestAsync()).Client.PostAsJsonAsync(url, new { email = TestUsers.NewEmail() })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var graph = (await guest.Client.GraphQLAsync("query($b: ID!) { bookingTravellers(bookingId: $b) { status } }", new { b = booking.Id })).ShouldSucceed();
        graph.Data.GetProperty("bookingTravellers")[0].GetProperty("status").GetString().ShouldBe("invited");
    }

    [Fact]
    public async Task A_stay_cannot_shrink_below_its_guest_and_the_companions_invited_whether_asked_before_or_after_they_were()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing.Id, checkIn, 2, guests: 3);
        var url = $"/api/v1/bookings/{booking.Id}/travellers";
        var first = await (await guest.Client.PostAsJsonAsync(url, new { email = TestUsers.NewEmail() })).ReadAsync<TravellerResponse>(HttpStatusCode.Created);
        (await guest.Client.PostAsJsonAsync(url, new { email = TestUsers.NewEmail() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var forTwo = new { checkIn, checkOut = checkIn.AddDays(2), guests = 2 };

        var refused = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", forTwo)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors").GetProperty("guests")[0].GetString()!.ShouldContain("At least 3");
        (await guest.Client.DeleteAsync($"{url}/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var asked = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/changes", forTwo)).ReadAsync<ChangeResponse>(HttpStatusCode.Created);
        (await guest.Client.PostAsJsonAsync(url, new { email = TestUsers.NewEmail() })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/changes/{asked.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await (await guest.Client.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Guests.ShouldBe(3);
    }
}
