using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Bookings;

[Collection(ApiCollection.Name)]
public sealed class HostTodayTests(RoostApp app)
{
    private Task<HostDay> DayAsync(Guid userId, DateTimeOffset at) =>
        app.WithScopeAsync(services => new HostToday(services.GetRequiredService<RoostDb>(), new FixedClock(at)).ForAsync(userId, CancellationToken.None));

    [Fact]
    public async Task A_hosts_day_sorts_stays_by_the_day_it_is_where_each_home_is_and_a_co_host_sees_only_the_listings_they_run()
    {
        var host = await app.RegisterHostAsync();
        var flat = await host.CreatePublishedAsync();
        var house = await host.CreatePublishedAsync();
        var day = TestBookings.Soon(40);
        var guest = await app.RegisterGuestAsync();
        var leaving = await guest.BookAsync(flat.Id, day.AddDays(-3), 3);
        var arriving = await guest.BookAsync(flat.Id, day, 2);
        var staying = await guest.BookAsync(house.Id, day.AddDays(-1), 2);
        var upcoming = await guest.BookAsync(house.Id, day.AddDays(3), 2);
        await guest.BookAsync(house.Id, day.AddDays(HostToday.UpcomingDays + 1), 2);
        var coHost = await app.RegisterGuestAsync("cohost");
        await app.WithScopeAsync(async services =>
        {
            // The invitation flow has tests of its own; here the co-host simply is one.
            var db = services.GetRequiredService<RoostDb>();
            var membership = CoHost.Invite(house.Id, coHost.Email, CoHostAccess.Reservations, payoutPercent: 0, payoutAmount: 0, host.Id, DateTimeOffset.UtcNow);
            membership.Accept(coHost.Id, emailConfirmed: true, DateTimeOffset.UtcNow).ShouldBeNull();
            db.Add(membership);
            await db.SaveChangesAsync();
        });
        // Noon in Lisbon, and in UTC: the same day.
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        var hosts = await DayAsync(host.Id, at);
        var coHosts = await DayAsync(coHost.Id, at);

        hosts.Arriving.Select(s => s.BookingId).ShouldBe([arriving.Id]);
        hosts.Leaving.Select(s => s.BookingId).ShouldBe([leaving.Id]);
        hosts.Staying.Select(s => s.BookingId).ShouldBe([staying.Id]);
        hosts.Upcoming.Select(s => s.BookingId).ShouldBe([upcoming.Id]);
        hosts.Arriving[0].Today.ShouldBe(day);
        coHosts.Staying.Select(s => s.BookingId).ShouldBe([staying.Id]);
        coHosts.Upcoming.Select(s => s.BookingId).ShouldBe([upcoming.Id]);
        (coHosts.Arriving.Count, coHosts.Leaving.Count).ShouldBe((0, 0));
        (await DayAsync(guest.Id, at)).Staying.ShouldBeEmpty();
    }

    [Fact]
    public async Task Requests_waiting_for_an_answer_are_on_the_hosts_day_soonest_deadline_first_in_both_doors()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        // Each has 24 hours for an answer: the request asked first is the one to answer first, whatever its dates.
        var askedFirst = await guest.BookAsync(listing.Id, TestBookings.Soon(60), 2);
        var askedSecond = await guest.BookAsync(listing.Id, TestBookings.Soon(20), 2);

        var today = await (await host.Client.GetAsync("/api/v1/host/today")).ReadAsync<HostDay>();

        today.Requests.Select(s => s.BookingId).ShouldBe([askedFirst.Id, askedSecond.Id]);
        today.Requests[0].ExpiresAt.ShouldNotBeNull();
        (await (await (await app.RegisterHostAsync()).Client.GetAsync("/api/v1/host/today")).ReadAsync<HostDay>()).Requests.ShouldBeEmpty();
        var graph = (await host.Client.GraphQLAsync("{ hostToday { requests { bookingId guest { id } listing { id } } arriving { bookingId } } }")).ShouldSucceed();
        var requests = graph.Data.GetProperty("hostToday").GetProperty("requests");
        requests.GetArrayLength().ShouldBe(2);
        requests[0].GetProperty("guest").GetProperty("id").GetGuid().ShouldBe(guest.Id);
        await (await app.CreateClient().GetAsync("/api/v1/host/today")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
