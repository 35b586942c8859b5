using System.Net;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class DoubleBookingTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task Fifty_guests_racing_for_the_same_nights_get_one_booking_and_49_conflicts()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guests = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.RegisterGuestAsync()));
        var checkIn = TestBookings.Soon(60);

        var answers = await Task.WhenAll(guests.Select(g => g.Client.PostBookingAsync(TestBookings.Body(listing.Id, checkIn, 3))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(49);
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ListingId == listing.Id && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Pending)))).ShouldBe(1);
    }

    [Fact]
    public async Task A_claim_that_loses_a_deadlock_over_the_same_nights_is_a_conflict_not_an_outage()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(70);

        // Another transaction blocks the stay's last night and has not committed: the booking's claim waits on it.
        var other = await UncommittedBlocks.OpenAsync(app);
        await other.BlockAsync(listing.Id, checkIn.AddDays(2), checkIn.AddDays(4));
        var booking = guest.Client.PostBookingAsync(TestBookings.Body(listing.Id, checkIn, 3));
        await other.WaitForWaiterAsync("INSERT INTO occupancies");

        // It then blocks the stay's first night too, which waits on the booking's claim: each waits on the other, and
        // PostgreSQL aborts the one that waited first, the booking's.
        await other.BlockAsync(listing.Id, checkIn, checkIn.AddDays(1));
        var answer = await booking;
        await other.DisposeAsync();

        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("title").GetString()!.ShouldContain("just booked");
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.GuestId == guest.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Adjacent_stays_both_succeed_and_a_cancelled_stay_frees_its_nights_at_once()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var checkIn = TestBookings.Soon(60);
        var first = await (await app.RegisterGuestAsync()).BookAsync(listing.Id, checkIn, 3);
        var second = await app.RegisterGuestAsync();

        await second.BookAsync(listing.Id, checkIn.AddDays(3), 2);
        await (await second.Client.PostBookingAsync(TestBookings.Body(listing.Id, checkIn.AddDays(2), 2))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await host.Client.PostAsync($"/api/v1/bookings/{first.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await second.BookAsync(listing.Id, checkIn, 3);
    }

    [Fact]
    public async Task Preparation_nights_keep_stays_apart()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsync($"/api/v1/listings/{listing.Id}", System.Net.Http.Json.JsonContent.Create(new { preparationNights = 1 }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var checkIn = TestBookings.Soon(60);
        var guest = await app.RegisterGuestAsync();
        await guest.BookAsync(listing.Id, checkIn, 3);
        (await app.WithDbAsync(db => db.Set<Roost.Features.Calendar.Occupancy>().Where(o => o.ListingId == listing.Id).Select(o => o.BufferNights).SingleAsync())).ShouldBe(1);

        await (await guest.Client.PostBookingAsync(TestBookings.Body(listing.Id, checkIn.AddDays(3), 2))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await guest.Client.PostBookingAsync(TestBookings.Body(listing.Id, checkIn.AddDays(-2), 2))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await guest.BookAsync(listing.Id, checkIn.AddDays(4), 2);
        await guest.BookAsync(listing.Id, checkIn.AddDays(-4), 3);
    }
}
