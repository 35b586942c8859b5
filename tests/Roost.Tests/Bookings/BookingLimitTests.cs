using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

public sealed class TightBookingLimitsApp : RoostApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Bookings:MaxPendingRequestsPerGuest"] = "5",
        ["Bookings:MaxBookingsPerGuestPerDay"] = "7",
    };
}

public sealed class BookingLimitTests(TightBookingLimitsApp app) : IClassFixture<TightBookingLimitsApp>
{
    [Fact]
    public async Task A_guest_holds_at_most_5_pending_requests_and_books_at_most_7_stays_a_day()
    {
        var host = await app.RegisterHostAsync();
        var requestListing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{requestListing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var instantListing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();

        for (var i = 0; i < 5; i++)
        {
            await guest.BookAsync(requestListing.Id, TestBookings.Soon(30 + (i * 3)), 2);
        }

        var sixth = await guest.Client.PostBookingAsync(TestBookings.Body(requestListing.Id, TestBookings.Soon(60), 2));
        (await sixth.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString()!.ShouldContain("requests waiting");

        await guest.BookAsync(instantListing.Id, TestBookings.Soon(30), 2);
        await guest.BookAsync(instantListing.Id, TestBookings.Soon(33), 2);
        var eighthBody = TestBookings.Body(instantListing.Id, TestBookings.Soon(36), 2);
        var eighth = await guest.Client.PostBookingAsync(eighthBody, "eighth-stay");
        await eighth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        eighth.Headers.Contains("Retry-After").ShouldBeTrue();

        // "Try later" is not kept for replay: once the day has passed, the retry with the same key books.
        await app.WithDbAsync(db => db.Bookings.Where(b => b.GuestId == guest.Id)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddDays(-1))));
        (await (await guest.Client.PostBookingAsync(eighthBody, "eighth-stay")).ReadAsync<BookingResponse>(HttpStatusCode.Created))
            .Status.ShouldBe(BookingStatus.Confirmed);
    }
}
