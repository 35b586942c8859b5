using System.Net;
using System.Net.Http.Json;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class ListingPerformanceTests(RoostApp app)
{
    [Fact]
    public async Task A_host_sees_booked_and_blocked_nights_occupancy_and_what_the_nights_brought_by_month()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var stay = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 4);
        var dropped = await guest.BookAsync(listing.Id, TestBookings.Soon(60), 2);
        (await guest.Client.PostAsync($"/api/v1/bookings/{dropped.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var blockFrom = TestBookings.Soon(70);
        (await host.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = blockFrom, to = blockFrom.AddDays(3), available = false }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var year = stay.CheckIn.Year;
        var report = await (await host.Client.GetAsync($"/api/v1/host/listings/{listing.Id}/performance?year={year}")).ReadAsync<ListingPerformanceResponse>();

        // Expected from the booking's own quote: the cancelled stay counts for nothing.
        var nights = stay.Quote.Nightly.Where(n => n.Date.Year == year).ToList();
        var blocked = Enumerable.Range(0, 3).Select(blockFrom.AddDays).Where(d => d.Year == year).ToList();
        (report.Year, report.BookedNights, report.BlockedNights).ShouldBe((year, nights.Count, blocked.Count));
        report.NightsRevenue.Amount.ShouldBe(nights.Sum(n => n.Price.Amount));
        report.Months.Count.ShouldBe(12);
        foreach (var month in report.Months)
        {
            var booked = nights.Where(n => n.Date.Month == month.Month).ToList();
            var off = blocked.Count(d => d.Month == month.Month);
            (month.BookedNights, month.BlockedNights, month.NightsRevenue.Amount).ShouldBe((booked.Count, off, booked.Sum(n => n.Price.Amount)));
            month.OccupancyPercent.ShouldBe((int)Math.Round(100.0 * booked.Count / (month.Nights - off), MidpointRounding.AwayFromZero));
            month.AverageNightlyRate?.Amount.ShouldBe((long)Math.Round((decimal)booked.Sum(n => n.Price.Amount) / booked.Count, MidpointRounding.AwayFromZero));
            (month.AverageNightlyRate is null).ShouldBe(booked.Count == 0);
        }

        await (await (await app.RegisterHostAsync()).Client.GetAsync($"/api/v1/host/listings/{listing.Id}/performance")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Client.GetAsync($"/api/v1/host/listings/{listing.Id}/performance?year=1999")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var graph = (await host.Client.GraphQLAsync("query($id: ID!, $y: Int) { listingPerformance(listingId: $id, year: $y) { bookedNights } }", new { id = listing.Id, y = year })).ShouldSucceed();
        graph.Data.GetProperty("listingPerformance").GetProperty("bookedNights").GetInt32().ShouldBe(nights.Count);
    }
}
