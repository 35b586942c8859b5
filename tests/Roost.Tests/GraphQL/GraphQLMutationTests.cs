using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Bookings;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.GraphQL;

[Collection(ApiCollection.Name)]
public sealed class GraphQLMutationTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    private static readonly object ListingInput = new
    {
        title = "Quiet loft above the square",
        description = "One big room, morning light.",
        propertyType = "LOFT",
        roomType = "ENTIRE_PLACE",
        address = new { street = "Praça 1", city = "Porto", region = "Porto", postalCode = "4000-001", countryCode = "PT" },
        latitude = 41.1496,
        longitude = -8.6109,
        timeZone = "Europe/Lisbon",
        maxGuests = 3,
        bedrooms = 1,
        beds = 2,
        bathrooms = 1.0,
        amenities = new[] { "wifi" },
        currency = "EUR",
        nightlyPrice = 9000,
        cleaningFee = 2000,
        minNights = 1,
        instantBook = false,
        cancellationPolicy = "FLEXIBLE",
    };

    [Fact]
    public async Task Register_login_and_refresh_issue_tokens_that_work_and_bad_input_is_BAD_USER_INPUT()
    {
        var email = TestUsers.NewEmail("gql");
        var client = app.CreateClient();
        const string Register = "mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { email } } }";
        var registered = (await client.GraphQLAsync(Register, new { input = new { email, password = TestUsers.Password, firstName = "Gi", lastName = "Ql" } })).ShouldSucceed();
        registered.Data.GetProperty("register").GetProperty("user").GetProperty("email").GetString().ShouldBe(email);

        var login = (await client.GraphQLAsync("mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }", new { input = new { email, password = TestUsers.Password } }))
            .ShouldSucceed().Data.GetProperty("login");
        var refreshed = (await client.GraphQLAsync("mutation ($token: String!) { refreshToken(refreshToken: $token) { accessToken } }", new { token = login.GetProperty("refreshToken").GetString() }))
            .ShouldSucceed().Data.GetProperty("refreshToken");
        (await app.ClientWithToken(refreshed.GetProperty("accessToken").GetString()!).GraphQLAsync("{ me { email } }")).ShouldSucceed();

        var invalid = await client.GraphQLAsync(Register, new { input = new { email = "not-an-email", password = "short", firstName = "", lastName = "X" } });
        invalid.FirstCode.ShouldBe("BAD_USER_INPUT");
        invalid.Errors[0].GetProperty("extensions").GetProperty("data").GetProperty("fields").TryGetProperty("email", out _).ShouldBeTrue();
        var wrongPassword = await client.GraphQLAsync("mutation ($input: LoginInput!) { login(input: $input) { accessToken } }", new { input = new { email, password = "wrong password here" } });
        wrongPassword.FirstCode.ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_host_creates_updates_publishes_and_prices_a_listing_and_a_guest_may_not()
    {
        var host = await app.RegisterHostAsync();
        var created = (await host.Client.GraphQLAsync("mutation ($input: ListingInput!) { createListing(input: $input) { id status title } }", new { input = ListingInput }))
            .ShouldSucceed().Data.GetProperty("createListing");
        var id = created.GetProperty("id").GetGuid();
        created.GetProperty("status").GetString().ShouldBe("DRAFT");

        var updated = (await host.Client.GraphQLAsync("mutation ($id: ID!, $input: ListingInput!) { updateListing(id: $id, input: $input) { title nightlyPrice } }",
            new { id, input = new { title = "Bright loft above the square" } })).ShouldSucceed().Data.GetProperty("updateListing");
        updated.GetProperty("title").GetString().ShouldBe("Bright loft above the square");
        updated.GetProperty("nightlyPrice").GetInt64().ShouldBe(9000);

        var unpublishable = await host.Client.GraphQLAsync("mutation ($id: ID!) { publishListing(id: $id) { status } }", new { id });
        unpublishable.FirstCode.ShouldBe("UNPROCESSABLE");
        await host.UploadPhotoAsync(id);
        (await host.Client.GraphQLAsync("mutation ($id: ID!) { publishListing(id: $id) { status } }", new { id })).ShouldSucceed()
            .Data.GetProperty("publishListing").GetProperty("status").GetString().ShouldBe("PUBLISHED");

        var day = TestBookings.Soon(90);
        var calendar = (await host.Client.GraphQLAsync("mutation ($id: ID!, $input: CalendarWriteInput!) { setCalendar(listingId: $id, input: $input) { days { date price { amount } } } }",
            new { id, input = new { from = day, to = day.AddDays(2), price = 12345 } })).ShouldSucceed();
        calendar.Data.GetProperty("setCalendar").GetProperty("days").EnumerateArray().Where(d => d.GetProperty("date").GetString() == day.ToString("yyyy-MM-dd"))
            .Single().GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(12345);

        var guest = await app.RegisterGuestAsync();
        (await guest.Client.GraphQLAsync("mutation ($input: ListingInput!) { createListing(input: $input) { id } }", new { input = ListingInput })).FirstCode.ShouldBe("FORBIDDEN");
        (await guest.Client.GraphQLAsync("mutation ($id: ID!, $input: ListingInput!) { updateListing(id: $id, input: $input) { id } }", new { id, input = new { title = "Mine now" } })).FirstCode.ShouldBe("FORBIDDEN");
        var otherHost = await app.RegisterHostAsync();
        (await otherHost.Client.GraphQLAsync("mutation ($id: ID!, $input: ListingInput!) { updateListing(id: $id, input: $input) { id } }", new { id, input = new { title = "Mine now" } })).FirstCode.ShouldBe("FORBIDDEN");
    }

    [Fact]
    public async Task Booking_by_request_accept_decline_and_cancel_go_through_the_same_rules_with_idempotency_keys()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).EnsureSuccessStatusCode();
        var guest = await app.RegisterGuestAsync();
        const string Create = "mutation ($input: CreateBookingInput!, $key: String!) { createBooking(input: $input, idempotencyKey: $key) { id status quote { total { amount } } } }";
        var key = Guid.NewGuid().ToString();
        var input = new { listingId = listing.Id, checkIn = TestBookings.Soon(40), checkOut = TestBookings.Soon(43), guests = 2, paymentMethod = "pm_card_visa" };

        var first = (await guest.Client.GraphQLAsync(Create, new { input, key })).ShouldSucceed().Data.GetProperty("createBooking");
        var replay = (await guest.Client.GraphQLAsync(Create, new { input, key })).ShouldSucceed().Data.GetProperty("createBooking");
        first.GetProperty("status").GetString().ShouldBe("PENDING");
        replay.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        (await guest.Client.GraphQLAsync(Create, new { input = input with { guests = 3 }, key })).FirstCode.ShouldBe("UNPROCESSABLE");
        (await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.GuestId == guest.Id))).ShouldBe(1);

        var taken = await guest.Client.GraphQLAsync(Create, new { input, key = Guid.NewGuid().ToString() });
        taken.FirstCode.ShouldBe("CONFLICT");
        var otherTotal = new { input.listingId, checkIn = TestBookings.Soon(60), checkOut = TestBookings.Soon(62), input.guests, input.paymentMethod, expectedTotal = new { amount = 1, currency = "EUR" } };
        var repriced = await guest.Client.GraphQLAsync(Create, new { input = otherTotal, key = Guid.NewGuid().ToString() });
        repriced.FirstCode.ShouldBe("PRICE_CHANGED");
        repriced.Errors[0].GetProperty("extensions").GetProperty("data").GetProperty("total").GetProperty("amount").GetInt64().ShouldBeGreaterThan(1);
        var declined = await guest.Client.GraphQLAsync(Create, new { input = input with { checkIn = TestBookings.Soon(50), checkOut = TestBookings.Soon(52), paymentMethod = "pm_card_chargeDeclined" }, key = Guid.NewGuid().ToString() });
        declined.FirstCode.ShouldBe("PAYMENT_FAILED");
        declined.Errors[0].GetProperty("extensions").GetProperty("data").GetProperty("declineCode").GetString().ShouldBe("generic_decline");

        // A refusal is an answer too: the same key and input repeat it without a second payment attempt.
        var expiredCard = new { input = input with { checkIn = TestBookings.Soon(54), checkOut = TestBookings.Soon(56), paymentMethod = "pm_card_chargeDeclinedExpiredCard" }, key = Guid.NewGuid().ToString() };
        var sentFrom = DateTimeOffset.UtcNow;
        var refusedOnce = await guest.Client.GraphQLAsync(Create, expiredCard);
        var refusedAgain = await guest.Client.GraphQLAsync(Create, expiredCard);
        refusedOnce.FirstCode.ShouldBe("PAYMENT_FAILED");
        refusedAgain.Errors[0].ToString().ShouldBe(refusedOnce.Errors[0].ToString());
        (await app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM sandbox_payment_intents WHERE payment_method = 'pm_card_chargeDeclinedExpiredCard' AND created_at >= {sentFrom}").SingleAsync())).ShouldBe(1);

        var id = first.GetProperty("id").GetGuid();
        (await guest.Client.GraphQLAsync("mutation ($id: ID!) { acceptBooking(id: $id) { status } }", new { id })).FirstCode.ShouldBe("FORBIDDEN");
        (await host.Client.GraphQLAsync("mutation ($id: ID!, $key: String) { acceptBooking(id: $id, idempotencyKey: $key) { status } }", new { id, key = Guid.NewGuid().ToString() }))
            .ShouldSucceed().Data.GetProperty("acceptBooking").GetProperty("status").GetString().ShouldBe("CONFIRMED");
        (await host.Client.GraphQLAsync("mutation ($id: ID!) { declineBooking(id: $id) { status } }", new { id })).FirstCode.ShouldBe("CONFLICT");

        var preview = (await guest.Client.GraphQLAsync("mutation ($id: ID!) { cancelBooking(id: $id, preview: true) { preview refund { amount } booking { status } } }", new { id }))
            .ShouldSucceed().Data.GetProperty("cancelBooking");
        preview.GetProperty("booking").GetProperty("status").GetString().ShouldBe("CONFIRMED");
        var previewed = preview.GetProperty("refund").GetProperty("amount").GetInt64();
        const string Cancel = "mutation ($id: ID!, $refund: MoneyInput) { cancelBooking(id: $id, reason: \"Plans changed\", expectedRefund: $refund) { refund { amount } rule booking { status } } }";
        (await guest.Client.GraphQLAsync(Cancel, new { id, refund = new { amount = previewed + 1, currency = "EUR" } })).FirstCode.ShouldBe("REFUND_CHANGED");
        var cancelled = (await guest.Client.GraphQLAsync(Cancel, new { id, refund = new { amount = previewed, currency = "EUR" } }))
            .ShouldSucceed().Data.GetProperty("cancelBooking");
        cancelled.GetProperty("booking").GetProperty("status").GetString().ShouldBe("CANCELLED_BY_GUEST");
        cancelled.GetProperty("refund").GetProperty("amount").GetInt64().ShouldBe(preview.GetProperty("refund").GetProperty("amount").GetInt64());

        var second = (await guest.Client.GraphQLAsync(Create, new { input = input with { checkIn = TestBookings.Soon(60), checkOut = TestBookings.Soon(61) }, key = Guid.NewGuid().ToString() }))
            .ShouldSucceed().Data.GetProperty("createBooking").GetProperty("id").GetGuid();
        (await host.Client.GraphQLAsync("mutation ($id: ID!) { declineBooking(id: $id, reason: \"Closed\") { status } }", new { id = second }))
            .ShouldSucceed().Data.GetProperty("declineBooking").GetProperty("status").GetString().ShouldBe("DECLINED");
    }

    [Fact]
    public async Task A_booking_made_through_GraphQL_is_indistinguishable_in_the_database_from_one_made_through_REST()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var viaRest = await guest.BookAsync(listing.Id, TestBookings.Soon(100), 3);
        var viaGraph = (await guest.Client.GraphQLAsync(
            "mutation ($input: CreateBookingInput!, $key: String!) { createBooking(input: $input, idempotencyKey: $key) { id } }",
            new { input = new { listingId = listing.Id, checkIn = TestBookings.Soon(100 + 21), checkOut = TestBookings.Soon(100 + 24), guests = 2, paymentMethod = "pm_card_visa" }, key = Guid.NewGuid().ToString() }))
            .ShouldSucceed().Data.GetProperty("createBooking").GetProperty("id").GetGuid();

        // Every column but the ones that name the booking or its dates, and its related rows, counted by kind.
        var rows = await app.WithDbAsync(db => db.Database.SqlQuery<string>(
            $"""
            SELECT (to_jsonb(b) - 'id' - 'check_in' - 'check_out' - 'check_out_at' - 'created_at' - 'updated_at' - 'expires_at' - 'occupancy_id' - 'payment_intent_id'
                    - 'quote' || jsonb_build_object(
                      'quote_total', b.quote -> 'Total',
                      'transitions', (SELECT jsonb_agg(jsonb_build_object('from', t."from", 'to', t."to", 'role', t.actor_role, 'reason', t.reason)) FROM booking_transitions t WHERE t.booking_id = b.id),
                      'notifications', (SELECT jsonb_agg(n.type ORDER BY n.type, n.user_id = b.guest_id) FROM notifications n WHERE n.data ->> 'bookingId' = b.id::text),
                      'ledger', (SELECT jsonb_agg(t.kind ORDER BY t.kind) FROM ledger_transactions t WHERE t.booking_id = b.id),
                      'payouts', (SELECT count(*) FROM payouts p WHERE p.booking_id = b.id)))::text AS "Value"
              FROM bookings b WHERE b.id IN ({viaRest.Id}, {viaGraph}) ORDER BY b.created_at
            """).ToListAsync());
        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(rows[1]);
    }

    [Fact]
    public async Task Reviews_messages_wishlists_and_notifications_change_through_mutations()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET check_in = current_date - 3, check_out = current_date - 1, check_out_at = now() - interval '1 day' WHERE id = {booking.Id}"));
        await app.WithScopeAsync(services => services.GetRequiredService<BookingJobs>().CompleteDueAsync());

        var review = (await guest.Client.GraphQLAsync(
            "mutation ($id: ID!, $input: ReviewInput!) { writeReview(bookingId: $id, input: $input) { id rating side } }",
            new { id = booking.Id, input = new { rating = 5, comment = "Lovely light.", categories = new { cleanliness = 5, accuracy = 5, checkIn = 5, communication = 5, location = 5, value = 4 } } }))
            .ShouldSucceed().Data.GetProperty("writeReview");
        review.GetProperty("side").GetString().ShouldBe("GUEST");
        (await guest.Client.GraphQLAsync("mutation ($id: ID!, $input: ReviewInput!) { writeReview(bookingId: $id, input: $input) { id } }",
            new { id = booking.Id, input = new { rating = 9, comment = "x" } })).FirstCode.ShouldBe("BAD_USER_INPUT");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE reviews SET published_at = now() WHERE booking_id = {booking.Id}"));
        (await host.Client.GraphQLAsync("mutation ($id: ID!) { respondToReview(reviewId: $id, text: \"Thank you!\") { response } }", new { id = review.GetProperty("id").GetGuid() }))
            .ShouldSucceed().Data.GetProperty("respondToReview").GetProperty("response").GetString().ShouldBe("Thank you!");

        var conversation = (await guest.Client.GraphQLAsync("mutation ($id: ID!) { startConversation(listingId: $id, text: \"Can we come back?\") { id } }", new { id = listing.Id }))
            .ShouldSucceed().Data.GetProperty("startConversation").GetProperty("id").GetGuid();
        (await host.Client.GraphQLAsync("mutation ($id: ID!) { sendMessage(conversationId: $id, text: \"Any time\") { text sender { id } } }", new { id = conversation }))
            .ShouldSucceed().Data.GetProperty("sendMessage").GetProperty("sender").GetProperty("id").GetGuid().ShouldBe(host.Id);
        var stranger = await app.RegisterGuestAsync();
        (await stranger.Client.GraphQLAsync("mutation ($id: ID!) { sendMessage(conversationId: $id, text: \"Hi\") { text } }", new { id = conversation })).FirstCode.ShouldBe("NOT_FOUND");

        var wishlist = (await guest.Client.GraphQLAsync("mutation { createWishlist(name: \"Again\") { id } }")).ShouldSucceed().Data.GetProperty("createWishlist").GetProperty("id").GetGuid();
        (await guest.Client.GraphQLAsync("mutation ($w: ID!, $l: ID!) { addToWishlist(wishlistId: $w, listingId: $l) }", new { w = wishlist, l = listing.Id })).ShouldSucceed();
        (await guest.Client.GraphQLAsync("{ wishlists { id listingCount } }")).Data.GetProperty("wishlists").EnumerateArray()
            .Single(w => w.GetProperty("id").GetGuid() == wishlist).GetProperty("listingCount").GetInt32().ShouldBe(1);
        (await guest.Client.GraphQLAsync("mutation ($w: ID!, $l: ID!) { removeFromWishlist(wishlistId: $w, listingId: $l) }", new { w = wishlist, l = listing.Id })).ShouldSucceed();
        (await stranger.Client.GraphQLAsync("mutation ($w: ID!, $l: ID!) { addToWishlist(wishlistId: $w, listingId: $l) }", new { w = wishlist, l = listing.Id })).FirstCode.ShouldBe("NOT_FOUND");

        var notification = (await guest.Client.GraphQLAsync("{ notifications(first: 1) { items { id readAt } unreadCount } }")).ShouldSucceed().Data.GetProperty("notifications");
        var unread = notification.GetProperty("unreadCount").GetInt32();
        (await guest.Client.GraphQLAsync("mutation ($id: ID!) { markNotificationRead(id: $id) }", new { id = notification.GetProperty("items")[0].GetProperty("id").GetGuid() })).ShouldSucceed();
        (await guest.Client.GraphQLAsync("{ notifications { unreadCount } }")).Data.GetProperty("notifications").GetProperty("unreadCount").GetInt32().ShouldBe(unread - 1);
    }
}
