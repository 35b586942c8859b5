using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Features.Search;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Listings;

[Collection(ApiCollection.Name)]
public sealed class ChangeoverDayTests(RoostApp app)
{
    [Fact]
    public async Task A_Saturday_changeover_home_quotes_searches_and_books_Saturday_to_Saturday_only()
    {
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
        var changed = await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { checkInDays = new[] { "saturday" }, checkOutDays = new[] { "saturday" } }))
            .ReadAsync<ListingResponse>();
        changed.CheckInDays.ShouldBe([DayOfWeek.Saturday]);
        changed.CheckOutDays.ShouldBe([DayOfWeek.Saturday]);

        var saturday = NextSaturday(TestBookings.Soon(30));
        var wrong = await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={saturday.AddDays(1):yyyy-MM-dd}&checkOut={saturday.AddDays(5):yyyy-MM-dd}"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        wrong.GetProperty("errors").GetProperty("check_in_day")[0].GetString()!.ShouldContain("Saturday");
        wrong.GetProperty("errors").TryGetProperty("check_out_day", out _).ShouldBeTrue();
        (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}/quote?checkIn={saturday:yyyy-MM-dd}&checkOut={saturday.AddDays(7):yyyy-MM-dd}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var calendar = await app.CreateClient().GetFromJsonAsync<CalendarResponse>($"/api/v1/listings/{listing.Id}/calendar?from={saturday:yyyy-MM-dd}&to={saturday.AddDays(7):yyyy-MM-dd}", TestJson.Options);
        calendar!.Days.Where(d => d.CanCheckIn).Select(d => d.Date).ShouldBe([saturday]);

        async Task<bool> FoundAsync(DateOnly from, DateOnly to) =>
            (await app.CreateClient().GetFromJsonAsync<Page<SearchResult>>($"/api/v1/listings?lat={lat}&lng={lng}&radiusKm=5&checkIn={from:yyyy-MM-dd}&checkOut={to:yyyy-MM-dd}", TestJson.Options))!
                .Items.Any(i => i.Id == listing.Id);
        (await FoundAsync(saturday, saturday.AddDays(7))).ShouldBeTrue();
        (await FoundAsync(saturday.AddDays(1), saturday.AddDays(7))).ShouldBeFalse();
        (await FoundAsync(saturday, saturday.AddDays(6))).ShouldBeFalse();

        var guest = await app.RegisterGuestAsync();
        await (await guest.Client.PostBookingAsync(TestBookings.Body(listing.Id, saturday.AddDays(1), 6))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await guest.BookAsync(listing.Id, saturday, 7)).Status.ShouldBe(BookingStatus.Confirmed);
    }

    [Fact]
    public async Task A_host_names_at_least_one_real_day()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { checkInDays = Array.Empty<string>() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { checkOutDays = new[] { "caturday" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var unchanged = await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options);
        unchanged!.CheckInDays.Count.ShouldBe(7);

        var graph = (await host.Client.GraphQLAsync("query($id: ID!) { listing(id: $id) { checkInDays checkOutDays } }", new { id = listing.Id })).ShouldSucceed();
        graph.Data.GetProperty("listing").GetProperty("checkInDays").GetArrayLength().ShouldBe(7);
    }

    [Fact]
    public void Days_go_to_a_bit_set_and_back()
    {
        var mask = StayDays.Of([DayOfWeek.Saturday, DayOfWeek.Sunday]);
        mask.ShouldBe(0b100_0001);
        StayDays.Days(mask).ShouldBe([DayOfWeek.Sunday, DayOfWeek.Saturday]);
        StayDays.Allows(StayDays.Every, new DateOnly(2027, 3, 3)).ShouldBeTrue();
        StayDays.Allows(mask, new DateOnly(2027, 3, 6)).ShouldBeTrue();
        StayDays.Allows(mask, new DateOnly(2027, 3, 5)).ShouldBeFalse();
    }

    private static DateOnly NextSaturday(DateOnly from) => from.AddDays(((int)DayOfWeek.Saturday - (int)from.DayOfWeek + 7) % 7);
}
