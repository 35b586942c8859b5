using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class TripCalendarTests(RoostApp app)
{
    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_travellers_feed_holds_their_confirmed_trips_and_those_they_joined_with_hours_and_address_and_a_new_address_retires_the_old()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var kept = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3, guests: 2);
        var cancelled = await guest.BookAsync(listing.Id, TestBookings.Soon(50), 2);
        (await guest.Client.PostAsync($"/api/v1/bookings/{cancelled.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var friend = await app.RegisterGuestAsync("friend");
        await app.ConfirmAddressAsync(friend);
        var invitation = await (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{kept.Id}/travellers", new { email = friend.Email }))
            .ReadAsync<TravellerResponse>(HttpStatusCode.Created);
        (await friend.Client.PostAsync($"/api/v1/trip-invitations/{invitation.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var url = (await (await guest.Client.GetAsync("/api/v1/me/trips/calendar")).ReadAsync<TripCalendarResponse>()).Url;
        (await (await guest.Client.GetAsync("/api/v1/me/trips/calendar")).ReadAsync<TripCalendarResponse>()).Url.ShouldBe(url);
        var response = await app.CreateClient().GetAsync(url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var feed = (await response.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);

        var stay = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == kept.Id));
        feed.ShouldContain($"UID:{kept.Id:N}@roost-trips");
        feed.ShouldContain($"DTSTART:{Instant(CancellationRules.InstantAt(stay.CheckIn, stay.CheckInTime, stay.TimeZone))}");
        feed.ShouldContain($"DTEND:{Instant(stay.CheckOutAt)}");
        feed.ShouldContain($"SUMMARY:Stay at {listing.Title}");
        feed.ShouldContain("LOCATION:Rua Augusta 1");
        feed.ShouldNotContain($"{cancelled.Id:N}");

        var friendsUrl = (await (await friend.Client.GetAsync("/api/v1/me/trips/calendar")).ReadAsync<TripCalendarResponse>()).Url;
        friendsUrl.ShouldNotBe(url);
        (await app.CreateClient().GetStringAsync(friendsUrl)).ShouldContain($"UID:{kept.Id:N}@roost-trips");

        var rotated = await (await guest.Client.PostAsync("/api/v1/me/trips/calendar/rotate", null)).ReadAsync<TripCalendarResponse>();
        rotated.Url.ShouldNotBe(url);
        await (await app.CreateClient().GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync(rotated.Url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.CreateClient().GetAsync("/api/v1/trips/calendar.ics?token=guess")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync("/api/v1/trips/calendar.ics")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var graph = (await guest.Client.GraphQLAsync("{ tripCalendar { url } }")).ShouldSucceed();
        graph.Data.GetProperty("tripCalendar").GetProperty("url").GetString().ShouldBe(rotated.Url);

        (await friend.Client.PostAsJsonAsync("/api/v1/me/close", new { password = friend.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.CreateClient().GetAsync(friendsUrl)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
