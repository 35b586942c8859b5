using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Reviews;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Reviews;

[Collection(ApiCollection.Name)]
public sealed class SuperhostTests(RoostApp app)
{
    private Task<(int Gained, int Lost)> AssessAsync() => app.WithScopeAsync(services => services.GetRequiredService<Superhosts>().AssessAsync());

    private static async Task<SuperhostProgress> ProgressAsync(TestUser host) =>
        await (await host.Client.GetAsync("/api/v1/host/superhost")).ReadAsync<SuperhostProgress>();

    /// <summary>Whether a search around the listing, for Superhosts only when asked, finds it; null when not found, else its badge.</summary>
    private async Task<bool?> SearchedBadgeAsync(Guid listingId, double lat, double lng, bool superhostsOnly)
    {
        var page = await (await app.CreateClient().GetAsync($"/api/v1/listings?lat={lat}&lng={lng}&radiusKm=2{(superhostsOnly ? "&superhost=true" : "")}")).ReadAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetGuid() == listingId).Select(i => (bool?)i.GetProperty("hostIsSuperhost").GetBoolean()).SingleOrDefault();
    }

    private async Task<bool> FoundAsSuperhostAsync(Guid listingId, double lat, double lng) =>
        await SearchedBadgeAsync(listingId, lat, lng, superhostsOnly: true) is not null;

    /// <summary>Ten stays of two nights, three days apart, the last checked out yesterday, completed by the job.</summary>
    private async Task<List<BookingResponse>> TenPastStaysAsync(TestUser guest, Guid listingId)
    {
        var stays = new List<BookingResponse>();
        for (var i = 0; i < 10; i++)
        {
            var stay = await guest.BookAsync(listingId, TestBookings.Soon(30 + (i * 3)), 2);
            var ago = 1 + (i * 3);
            await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                $"UPDATE bookings SET check_in = current_date - {ago + 2}, check_out = current_date - {ago}, check_out_at = now() - make_interval(days => {ago}) WHERE id = {stay.Id}"));
            stays.Add(stay);
        }

        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());
        return stays;
    }

    [Fact]
    public async Task A_host_who_meets_every_standard_gains_the_badge_at_the_assessment_guests_see_it_and_a_cancellation_takes_it_away()
    {
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
        var guest = await app.RegisterGuestAsync();
        var stays = await TenPastStaysAsync(guest, listing.Id);

        var unrated = await ProgressAsync(host);
        (unrated.Superhost, unrated.Qualifies).ShouldBe((false, false));
        unrated.Criteria.Single(c => c.Name == "stays").ShouldSatisfyAllConditions(c => c.Actual.ShouldBe(10), c => c.Met.ShouldBeTrue());
        unrated.Criteria.Single(c => c.Name == "rating").Met.ShouldBeFalse();

        var reviewed = stays[0].Id;
        (await guest.Client.PostAsJsonAsync($"/api/v1/bookings/{reviewed}/reviews", new
        {
            rating = 5, comment = "Spotless and calm.", categories = new { cleanliness = 5, accuracy = 5, checkIn = 5, communication = 5, location = 5, value = 5 },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await host.Client.PostAsJsonAsync($"/api/v1/bookings/{reviewed}/reviews", new
        {
            rating = 5, comment = "A model guest.", categories = new { cleanliness = 5, houseRules = 5, communication = 5 },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var ready = await ProgressAsync(host);
        (ready.Superhost, ready.Qualifies).ShouldBe((false, true));
        (await FoundAsSuperhostAsync(listing.Id, lat, lng)).ShouldBeFalse();
        (await SearchedBadgeAsync(listing.Id, lat, lng, superhostsOnly: false)).ShouldBe(false);

        (await AssessAsync()).Gained.ShouldBeGreaterThanOrEqualTo(1);

        var made = await ProgressAsync(host);
        made.Superhost.ShouldBeTrue();
        made.Since.ShouldNotBeNull();
        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Type == "superhost_gained");
        (await (await app.CreateClient().GetAsync($"/api/v1/users/{host.Id}")).ReadAsync<PublicProfile>()).Superhost.ShouldBeTrue();
        (await (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}")).ReadAsync<ListingResponse>()).Host.Superhost.ShouldBeTrue();
        (await FoundAsSuperhostAsync(listing.Id, lat, lng)).ShouldBeTrue();
        (await SearchedBadgeAsync(listing.Id, lat, lng, superhostsOnly: false)).ShouldBe(true);
        var graph = (await host.Client.GraphQLAsync("{ superhostProgress { superhost qualifies criteria { name met } } }")).ShouldSucceed();
        graph.Data.GetProperty("superhostProgress").GetProperty("superhost").GetBoolean().ShouldBeTrue();

        await AssessAsync();
        (await ProgressAsync(host)).Since.ShouldBe(made.Since);

        var upcoming = await guest.BookAsync(listing.Id, TestBookings.Soon(90), 2);
        (await host.Client.PostAsync($"/api/v1/bookings/{upcoming.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var slipped = await ProgressAsync(host);
        (slipped.Superhost, slipped.Qualifies).ShouldBe((true, false));
        slipped.Criteria.Single(c => c.Name == "cancellations").Actual.ShouldBe(9.09);

        (await AssessAsync()).Lost.ShouldBeGreaterThanOrEqualTo(1);

        (await ProgressAsync(host)).Superhost.ShouldBeFalse();
        (await app.NoticesAsync(host.Id)).ShouldContain(n => n.Type == "superhost_lost");
        (await (await app.CreateClient().GetAsync($"/api/v1/users/{host.Id}")).ReadAsync<PublicProfile>()).Superhost.ShouldBeFalse();
        (await FoundAsSuperhostAsync(listing.Id, lat, lng)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_superhost_with_nothing_to_show_for_the_year_loses_the_badge_and_the_search_filter_takes_only_true_or_false()
    {
        var host = await app.RegisterHostAsync();
        var (listing, lat, lng) = await host.CreatePublishedAloneAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE users SET superhost_since = now() - interval '1 year' WHERE id = {host.Id}"));
        (await FoundAsSuperhostAsync(listing.Id, lat, lng)).ShouldBeTrue();

        await AssessAsync();

        (await ProgressAsync(host)).Superhost.ShouldBeFalse();
        await (await app.CreateClient().GetAsync("/api/v1/listings?superhost=perhaps")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
