using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Roost.Features.Bookings;
using Roost.Features.Messaging;
using Roost.Platform.Data;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Messaging;

[Collection(ApiCollection.Name)]
public sealed class ScheduledMessageTests(RoostApp app)
{
    [Fact]
    public async Task A_hosts_scheduled_messages_reach_each_confirmed_guest_once_at_their_moment_with_the_stay_filled_in()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var welcome = await AddAsync(host, listing.Id, "confirmed", "Welcome {guest_first_name}! See you on {check_in} from {check_in_time} at {listing_title}.");
        await AddAsync(host, listing.Id, "day_before_check_in", "Tomorrow: the key box code is in your arrival details.");
        await AddAsync(host, listing.Id, "check_out_morning", "Please leave the keys by {check_out_time}.");

        var guest = await app.RegisterGuestAsync();
        var checkIn = TestBookings.Soon(30);
        var booking = await guest.BookAsync(listing.Id, checkIn, 3);
        await Task.WhenAll(RunAtAsync(DateTimeOffset.UtcNow), RunAtAsync(DateTimeOffset.UtcNow));

        var thread = await ThreadAsync(guest);
        thread.Single().ShouldSatisfyAllConditions(
            m => m.SenderId.ShouldBe(host.Id),
            m => m.Text.ShouldBe($"Welcome Test! See you on {checkIn:yyyy-MM-dd} from 15:00 at {listing.Title}."));

        // Where the home is (Lisbon): not before 10:00 the day before check-in, then once.
        DateTimeOffset Local(DateOnly day, int hour, int minute) => CancellationRules.InstantAt(day, new TimeOnly(hour, minute), "Europe/Lisbon");
        await RunAtAsync(Local(checkIn.AddDays(-1), 9, 30));
        (await ThreadAsync(guest)).Count.ShouldBe(1);
        await Task.WhenAll(RunAtAsync(Local(checkIn.AddDays(-1), 10, 30)), RunAtAsync(Local(checkIn.AddDays(-1), 11, 0)));
        (await ThreadAsync(guest))[0].Text.ShouldBe("Tomorrow: the key box code is in your arrival details.");
        await RunAtAsync(Local(checkIn.AddDays(3), 7, 0));
        (await ThreadAsync(guest)).Count.ShouldBe(2);
        await RunAtAsync(Local(checkIn.AddDays(3), 8, 15));
        var all = await ThreadAsync(guest);
        all[0].Text.ShouldBe("Please leave the keys by 11:00.");
        all.Count.ShouldBe(3);
        await RunAtAsync(Local(checkIn.AddDays(3), 9, 0));
        (await ThreadAsync(guest)).Count.ShouldBe(3);

        // A stay confirmed before the message was written is not greeted after the fact.
        var earlier = await (await app.RegisterGuestAsync()).BookAsync(listing.Id, TestBookings.Soon(60), 2);
        await app.WithDbAsync(db => db.Set<ScheduledMessageSend>().Where(s => s.BookingId == earlier.Id).ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE booking_transitions SET at = at - interval '1 hour' WHERE booking_id = {earlier.Id}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE scheduled_messages SET created_at = now() WHERE id = {welcome.Id}"));
        await RunAtAsync(DateTimeOffset.UtcNow);
        (await app.WithDbAsync(db => db.Set<ScheduledMessageSend>().CountAsync(s => s.BookingId == earlier.Id && s.ScheduledMessageId == welcome.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_listings_host_keeps_its_scheduled_messages()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var other = await app.RegisterHostAsync();
        var admin = await app.RegisterAdminAsync();

        await (await other.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/scheduled-messages", new { moment = "confirmed", text = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/scheduled-messages", new { moment = "confirmed", text = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/scheduled-messages", new { moment = "at_midnight", text = "Hi" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/scheduled-messages", new { moment = "confirmed", text = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var message = await AddAsync(host, listing.Id, "confirmed", "Hi {guest_first_name}");
        (await admin.Client.GetFromJsonAsync<List<ScheduledMessageResponse>>($"/api/v1/listings/{listing.Id}/scheduled-messages", TestJson.Options))!.Single().Id.ShouldBe(message.Id);
        await (await other.Client.GetAsync($"/api/v1/listings/{listing.Id}/scheduled-messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/scheduled-messages/{message.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        for (var i = 1; i < ScheduledMessage.MaxPerListing; i++)
        {
            await AddAsync(host, listing.Id, "confirmed", $"Note {i}");
        }

        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listing.Id}/scheduled-messages", new { moment = "confirmed", text = "One too many" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await host.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/scheduled-messages/{message.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await host.Client.DeleteAsync($"/api/v1/listings/{listing.Id}/scheduled-messages/{message.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var graph = (await host.Client.GraphQLAsync("query($id: ID!) { listing(id: $id) { scheduledMessages { moment text } } }", new { id = listing.Id })).ShouldSucceed();
        graph.Data.GetProperty("listing").GetProperty("scheduledMessages").GetArrayLength().ShouldBe(ScheduledMessage.MaxPerListing - 1);
    }

    private static async Task<ScheduledMessageResponse> AddAsync(TestUser host, Guid listingId, string moment, string text) =>
        await (await host.Client.PostAsJsonAsync($"/api/v1/listings/{listingId}/scheduled-messages", new { moment, text })).ReadAsync<ScheduledMessageResponse>(HttpStatusCode.Created);

    private static async Task<List<MessageResponse>> ThreadAsync(TestUser guest)
    {
        var conversation = (await guest.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations", TestJson.Options))!.Items.Single();
        return [.. (await guest.Client.GetFromJsonAsync<Page<MessageResponse>>($"/api/v1/conversations/{conversation.Id}/messages?limit=50", TestJson.Options))!.Items];
    }

    /// <summary>The job as if run at <paramref name="at"/>: the moments are clock times where the home is.</summary>
    private Task RunAtAsync(DateTimeOffset at) => app.WithScopeAsync(services => new ScheduledMessages(
        services.GetRequiredService<RoostDb>(), services.GetRequiredService<Conversations>(), new FixedClock(at), NullLogger<ScheduledMessages>.Instance).SendDueAsync());
}
