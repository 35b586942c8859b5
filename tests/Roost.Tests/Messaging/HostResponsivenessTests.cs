using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Messaging;
using Roost.Features.Reviews;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Messaging;

[Collection(ApiCollection.Name)]
public sealed class HostResponsivenessTests(RoostApp app)
{
    private async Task<ConversationResponse> AskAsync(TestUser guest, Guid listingId, string text) =>
        await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId, text })).ReadAsync<ConversationResponse>(HttpStatusCode.Created);

    private async Task AnswerAfterAsync(TestUser host, ConversationResponse asked, TimeSpan wait)
    {
        // The question is moved back in time rather than the answer delayed: the wait is what the host took.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE messages SET sent_at = sent_at - {wait} WHERE conversation_id = {asked.Id} AND sender_id = {asked.GuestId}"));
        await (await host.Client.PostAsJsonAsync($"/api/v1/conversations/{asked.Id}/messages", new { text = "Happy to help" })).ReadAsync<MessageResponse>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_profile_shows_the_share_of_requests_and_questions_answered_within_a_day_and_the_usual_wait()
    {
        var host = await app.RegisterHostAsync();
        var listing = (await host.CreatePublishedAsync()).Id;
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guests = new List<TestUser>();
        for (var i = 0; i < 6; i++)
        {
            guests.Add(await app.RegisterGuestAsync());
        }

        // Answered at once.
        var accepted = await guests[0].BookAsync(listing, TestBookings.Soon(30), 2);
        (await host.Client.PostAsync($"/api/v1/bookings/{accepted.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Lapsed unanswered.
        var lapsed = await guests[1].BookAsync(listing, TestBookings.Soon(40), 2);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET expires_at = now() - interval '1 minute' WHERE id = {lapsed.Id}"));
        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().ExpireDueAsync());
        // Withdrawn before the host could answer: says nothing about the host.
        var withdrawn = await guests[2].BookAsync(listing, TestBookings.Soon(50), 2);
        (await guests[2].Client.PostAsync($"/api/v1/bookings/{withdrawn.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Questions: answered after 3 hours, answered after 30 hours (late), and one asked just now (not late yet).
        await AnswerAfterAsync(host, await AskAsync(guests[3], listing, "Is there parking?"), TimeSpan.FromHours(3));
        await AnswerAfterAsync(host, await AskAsync(guests[4], listing, "Can we bring a dog?"), TimeSpan.FromHours(30));
        await AskAsync(guests[5], listing, "Is it quiet at night?");
        // The host writing first to their guest asked them nothing.
        await (await host.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing, text = "See you soon", guestId = guests[0].Id }))
            .ReadAsync<ConversationResponse>(HttpStatusCode.Created);

        // The profile and the listing's page, read before the measure, are cached: the measure shows on both at once.
        (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{host.Id}", TestJson.Options))!.HostResponse.ShouldBeNull();
        (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing}", TestJson.Options))!.Host.Response.ShouldBeNull();
        var quiet = await app.RegisterHostAsync();
        await app.WithScopeAsync(services => services.GetRequiredService<HostResponsiveness>().RefreshAsync());
        (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing}", TestJson.Options))!.Host.Response
            .ShouldBe(new ResponseSummary(50, ResponseTime.WithinAFewHours));

        // Settled: the accept and the 3-hour answer in time, the lapse and the 30-hour answer not: 2 of 4.
        // Waits 0, 180 and 1,800 minutes: the median is 3 hours.
        var profile = await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{host.Id}", TestJson.Options);
        profile!.HostResponse.ShouldBe(new ResponseSummary(50, ResponseTime.WithinAFewHours));
        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == host.Id).Select(u => u.HostResponseMinutes).SingleAsync())).ShouldBe(180);
        (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{quiet.Id}", TestJson.Options))!.HostResponse.ShouldBeNull();

        var graph = (await app.CreateClient().GraphQLAsync("query($id: ID!) { user(id: $id) { hostResponse { ratePercent time } } }", new { id = host.Id })).ShouldSucceed();
        graph.Data.GetProperty("user").GetProperty("hostResponse").ToString().ShouldBe("""{"ratePercent":50,"time":"WITHIN_A_FEW_HOURS"}""");
        var owner = await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing}", TestJson.Options);
        owner!.Host.Response.ShouldBe(new ResponseSummary(50, ResponseTime.WithinAFewHours));

        // Measured afresh each time: once nothing in the 30 days is left to count, the profile's figures go; the year's
        // rate stays, and it is the one Superhost's standard reads.
        await MoveBackAsync(host.Id, 31);
        await app.WithScopeAsync(services => services.GetRequiredService<HostResponsiveness>().RefreshAsync());
        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == host.Id).Select(u => new { u.HostResponseRate, u.HostResponseMinutes }).SingleAsync()))
            .ShouldBe(new { HostResponseRate = (int?)null, HostResponseMinutes = (int?)null });
        // The question asked "just now" is a month old and unanswered by now: late, so 2 of 5.
        (await ResponseCriterionAsync(host)).ShouldBe((40.0, false));

        await MoveBackAsync(host.Id, 335);
        await app.WithScopeAsync(services => services.GetRequiredService<HostResponsiveness>().RefreshAsync());
        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == host.Id).Select(u => u.HostYearResponseRate).SingleAsync())).ShouldBeNull();
        (await ResponseCriterionAsync(host)).ShouldBe((null, true), "with nothing to answer in the year, a host is not held back by it");
    }

    private async Task MoveBackAsync(Guid hostId, int days)
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET created_at = created_at - make_interval(days => {days}) WHERE host_id = {hostId}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE conversations SET created_at = created_at - make_interval(days => {days}) WHERE host_id = {hostId}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE messages SET sent_at = sent_at - make_interval(days => {days}) WHERE conversation_id IN (SELECT id FROM conversations WHERE host_id = {hostId})"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE booking_transitions SET at = at - make_interval(days => {days}) WHERE booking_id IN (SELECT id FROM bookings WHERE host_id = {hostId})"));
    }

    private static async Task<(double? Actual, bool Met)> ResponseCriterionAsync(TestUser host)
    {
        var progress = await host.Client.GetFromJsonAsync<SuperhostProgress>("/api/v1/host/superhost", TestJson.Options);
        var criterion = progress!.Criteria.Single(c => c.Name == "responseRate");
        return (criterion.Actual, criterion.Met);
    }
}
