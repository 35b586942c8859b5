using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Messaging;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Messaging;

[Collection(ApiCollection.Name)]
public sealed class MessagingTests(RoostApp app)
{
    [Fact]
    public async Task Guest_and_host_talk_with_unread_counts_and_contact_details_hidden_until_a_booking()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();

        var started = await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Hi! Mail me at ana.silva@example.com or call +351 912 345 678" }))
            .ReadAsync<ConversationResponse>(HttpStatusCode.Created);
        var hostView = (await host.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.Single(c => c.Id == started.Id);
        hostView.Unread.ShouldBe(1);

        var messages = (await host.Client.GetFromJsonAsync<Page<MessageResponse>>($"/api/v1/conversations/{started.Id}/messages"))!;
        var masked = messages.Items.Single().Text;
        masked.ShouldBe("Hi! Mail me at [e-mail hidden] or call [phone hidden]");
        messages.Items.Single().OriginalText.ShouldBeNull();

        (await host.Client.PostAsync($"/api/v1/conversations/{started.Id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await host.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.Single(c => c.Id == started.Id).Unread.ShouldBe(0);

        await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        await (await host.Client.PostAsJsonAsync($"/api/v1/conversations/{started.Id}/messages", new { text = "Booked! Reach me on +351 911 111 111" })).ReadAsync<MessageResponse>(HttpStatusCode.Created);
        (await guest.Client.GetFromJsonAsync<Page<MessageResponse>>($"/api/v1/conversations/{started.Id}/messages"))!.Items[0].Text.ShouldBe("Booked! Reach me on +351 911 111 111");
        (await guest.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.Single().Unread.ShouldBe(1);

        // Asking again about the same listing continues the same conversation.
        var again = await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "One more thing" })).ReadAsync<ConversationResponse>(HttpStatusCode.Created);
        again.Id.ShouldBe(started.Id);
    }

    [Fact]
    public async Task A_host_writes_first_only_to_someone_who_booked_or_asked_to_book_the_listing()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();

        await (await host.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Hello" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await host.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Hello", guestId = stranger.Id }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await stranger.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.ShouldBeEmpty();

        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        var opened = await (await host.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Welcome! Parking is in the yard.", guestId = guest.Id }))
            .ReadAsync<ConversationResponse>(HttpStatusCode.Created);
        (opened.GuestId, opened.HostId).ShouldBe((guest.Id, host.Id));
        var guestView = (await guest.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.Single();
        (guestView.Id, guestView.Unread).ShouldBe((opened.Id, 1));

        // The guest asking about the listing later lands in the same conversation; naming someone else is the host's alone.
        var reply = await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Thanks!" }))
            .ReadAsync<ConversationResponse>(HttpStatusCode.Created);
        reply.Id.ShouldBe(opened.Id);
        await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Hi", guestId = stranger.Id }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        var graph = (await host.Client.GraphQLAsync(
            "mutation($l: ID!, $g: ID) { startConversation(listingId: $l, text: \"See you on Friday\", guestId: $g) { id guestId } }",
            new { l = listing.Id, g = guest.Id })).ShouldSucceed();
        graph.Data.GetProperty("startConversation").GetProperty("id").GetGuid().ShouldBe(opened.Id);
        (await guest.Client.GetFromJsonAsync<Page<MessageResponse>>($"/api/v1/conversations/{opened.Id}/messages"))!.Items.Select(m => m.Text)
            .ShouldBe(["See you on Friday", "Thanks!", "Welcome! Parking is in the yard."]);
        booking.Status.ShouldBe(Roost.Features.Bookings.BookingStatus.Confirmed);
    }

    [Fact]
    public async Task What_a_guest_writes_with_a_request_opens_the_conversation_the_host_answers_in()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var body = new { listingId = listing.Id, checkIn = TestBookings.Soon(), checkOut = TestBookings.Soon().AddDays(2), guests = 2, paymentMethod = "pm_card_visa", message = "We land at 22:00; call me on +351 911 222 333" };
        var booking = await (await guest.Client.PostBookingAsync(body)).ReadAsync<Roost.Features.Bookings.BookingResponse>(HttpStatusCode.Created);

        var inbox = (await host.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.Single();
        (inbox.ListingId, inbox.GuestId, inbox.Unread).ShouldBe((listing.Id, guest.Id, 1));
        var thread = (await host.Client.GetFromJsonAsync<Page<MessageResponse>>($"/api/v1/conversations/{inbox.Id}/messages"))!.Items;
        // Still a request: contact details stay masked, as in any message before a confirmed booking.
        thread.Single().Text.ShouldBe("We land at 22:00; call me on [phone hidden]");
        (await app.WithDbAsync(db => db.Set<Roost.Platform.Notifications.Notification>().CountAsync(n => n.UserId == host.Id && n.Type == "new_message"))).ShouldBe(0);

        await (await host.Client.PostAsJsonAsync($"/api/v1/conversations/{inbox.Id}/messages", new { text = "No problem, the key box works all night." })).ReadAsync<MessageResponse>(HttpStatusCode.Created);
        (await guest.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.Single().Id.ShouldBe(inbox.Id);

        // A booking that fails to pay leaves no message behind.
        var other = await app.RegisterGuestAsync();
        var declined = await other.Client.PostBookingAsync(body with { checkIn = TestBookings.Soon(20), checkOut = TestBookings.Soon(22), paymentMethod = "pm_card_chargeDeclined" });
        await declined.ShouldBeProblemAsync(HttpStatusCode.PaymentRequired);
        (await other.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.ShouldBeEmpty();
        booking.Message.ShouldBe(body.message);
    }

    [Fact]
    public async Task Messages_page_newest_first_without_repeats()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var conversation = await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "message 0" })).ReadAsync<ConversationResponse>(HttpStatusCode.Created);
        for (var i = 1; i < 7; i++)
        {
            await guest.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages", new { text = $"message {i}" });
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await host.Client.GetFromJsonAsync<Page<MessageResponse>>($"/api/v1/conversations/{conversation.Id}/messages?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}"))!;
            seen.AddRange(page.Items.Select(m => m.Text));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.ShouldBe(Enumerable.Range(0, 7).Reverse().Select(i => $"message {i}"));
    }

    [Fact]
    public async Task Only_the_two_participants_read_a_conversation_and_admins_see_the_original()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();
        var admin = await app.RegisterAdminAsync();
        var conversation = await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "write to me: me@example.com" })).ReadAsync<ConversationResponse>(HttpStatusCode.Created);

        await (await stranger.Client.GetAsync($"/api/v1/conversations/{conversation.Id}/messages")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages", new { text = "hello" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostAsync($"/api/v1/conversations/{conversation.Id}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await stranger.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.ShouldBeEmpty();

        var moderated = (await admin.Client.GetFromJsonAsync<Page<MessageResponse>>($"/api/v1/conversations/{conversation.Id}/messages"))!.Items.Single();
        moderated.OriginalText.ShouldBe("write to me: me@example.com");
        moderated.Text.ShouldBe("write to me: [e-mail hidden]");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task Empty_or_oversized_messages_are_refused(string? text)
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();

        await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = new string('x', 5001) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "to myself" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await guest.Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.ShouldBeEmpty();
    }
}

public sealed class ChattyLimitsApp : RoostApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RateLimits:MessagesPerMinute"] = "3",
    };
}

public sealed class MessageRateLimitTests(ChattyLimitsApp app) : IClassFixture<ChattyLimitsApp>
{
    [Fact]
    public async Task Sending_is_rate_limited_per_user()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var conversation = await (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "1" })).ReadAsync<ConversationResponse>(HttpStatusCode.Created);
        await guest.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages", new { text = "2" });
        await guest.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages", new { text = "3" });

        var fourth = await guest.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages", new { text = "4" });

        await fourth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await host.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages", new { text = "the host is not limited by the guest" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
