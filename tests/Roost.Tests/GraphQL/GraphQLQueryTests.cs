using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.GraphQL;

[Collection(ApiCollection.Name)]
public sealed class GraphQLQueryTests(RoostApp app)
{
    [Fact]
    public async Task Me_is_the_caller_and_anonymous_callers_get_UNAUTHENTICATED()
    {
        var guest = await app.RegisterGuestAsync();
        var mine = (await guest.Client.GraphQLAsync("{ me { id email firstName roles } }")).ShouldSucceed();
        mine.Data.GetProperty("me").GetProperty("email").GetString().ShouldBe(guest.Email);

        var anonymous = await app.CreateClient().GraphQLAsync("{ me { id } }");
        anonymous.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        anonymous.Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
        anonymous.FirstCode.ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_listing_shows_its_host_photos_amenities_calendar_reviews_rating_and_a_quote()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var checkIn = TestBookings.Soon(50);
        var result = (await app.CreateClient().GraphQLAsync(
            """
            query ($id: ID!, $in: DateOnly!, $out: DateOnly!) {
              listing(id: $id) {
                id title currency nightlyPrice rating reviewCount
                host { id firstName isHost }
                photos { id url }
                amenities { code name }
                calendar(from: $in, to: $out) { days { date available price { amount currency } } }
                reviews(first: 3) { items { rating comment author { firstName } } nextCursor }
                quote(checkIn: $in, checkOut: $out, guests: 2) { nights total { amount currency } }
              }
            }
            """,
            new { id = listing.Id, @in = checkIn, @out = checkIn.AddDays(3) })).ShouldSucceed();

        var node = result.Data.GetProperty("listing");
        node.GetProperty("host").GetProperty("id").GetGuid().ShouldBe(host.Id);
        node.GetProperty("photos").GetArrayLength().ShouldBe(1);
        node.GetProperty("amenities").EnumerateArray().Select(a => a.GetProperty("code").GetString()).ShouldBe(["wifi", "kitchen"], ignoreOrder: true);
        node.GetProperty("calendar").GetProperty("days").GetArrayLength().ShouldBe(3);
        node.GetProperty("reviews").GetProperty("items").GetArrayLength().ShouldBe(0);
        var quote = node.GetProperty("quote");
        quote.GetProperty("nights").GetInt32().ShouldBe(3);

        var rest = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/listings/{listing.Id}/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(3):yyyy-MM-dd}&guests=2");
        quote.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(rest.GetProperty("total").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task An_unknown_or_hidden_listing_is_null_with_NOT_FOUND()
    {
        var host = await app.RegisterHostAsync();
        var draft = await host.CreateDraftAsync();
        var result = await app.CreateClient().GraphQLAsync("query ($id: ID!) { listing(id: $id) { id } }", new { id = draft.Id });
        result.Data.GetProperty("listing").ValueKind.ShouldBe(JsonValueKind.Null);
        result.FirstCode.ShouldBe("NOT_FOUND");
        (await host.Client.GraphQLAsync("query ($id: ID!) { listing(id: $id) { id status } }", new { id = draft.Id })).ShouldSucceed()
            .Data.GetProperty("listing").GetProperty("status").GetString().ShouldBe("DRAFT");
    }

    [Fact]
    public async Task Listings_search_is_a_connection_with_the_rest_rules()
    {
        var host = await app.RegisterHostAsync();
        var town = $"Graphtown{Guid.NewGuid():N}"[..16];
        var input = TestListings.CompleteInput();
        for (var i = 0; i < 3; i++)
        {
            var listing = await host.CreatePublishedAsync(input);
            (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { address = new { city = town, countryCode = "PT" } })).EnsureSuccessStatusCode();
        }

        const string Query = "query ($town: String, $after: String) { listings(location: $town, first: 2, after: $after) { edges { node { id title host { firstName } } nightlyPrice { amount } } nodes { id } pageInfo { hasNextPage endCursor } } }";
        var first = (await app.CreateClient().GraphQLAsync(Query, new { town })).ShouldSucceed().Data.GetProperty("listings");
        first.GetProperty("edges").GetArrayLength().ShouldBe(2);
        first.GetProperty("nodes").GetArrayLength().ShouldBe(2);
        first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue();
        var second = (await app.CreateClient().GraphQLAsync(Query, new { town, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() }))
            .ShouldSucceed().Data.GetProperty("listings");
        second.GetProperty("edges").GetArrayLength().ShouldBe(1);
        second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeFalse();

        var bad = await app.CreateClient().GraphQLAsync("{ listings(first: 500, radiusKm: 3) { pageInfo { hasNextPage } } }");
        bad.FirstCode.ShouldBe("BAD_USER_INPUT");
        var fields = bad.Errors[0].GetProperty("extensions").GetProperty("data").GetProperty("fields");
        fields.TryGetProperty("first", out _).ShouldBeTrue(fields.ToString());
    }

    [Fact]
    public async Task A_booking_shows_its_listing_guest_quote_payments_status_and_transitions_to_its_people_only()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(60), 2);
        const string Query = "query ($id: ID!) { booking(id: $id) { id status listing { id title } guest { id } quote { total { amount } } payments { charged { amount } items { kind amount { amount } } } transitions { to actorRole reason } } }";

        foreach (var user in new[] { guest, host })
        {
            var node = (await user.Client.GraphQLAsync(Query, new { id = booking.Id })).ShouldSucceed().Data.GetProperty("booking");
            node.GetProperty("status").GetString().ShouldBe("CONFIRMED");
            node.GetProperty("listing").GetProperty("id").GetGuid().ShouldBe(listing.Id);
            node.GetProperty("guest").GetProperty("id").GetGuid().ShouldBe(guest.Id);
            node.GetProperty("payments").GetProperty("charged").GetProperty("amount").GetInt64().ShouldBe(booking.Quote.Total.Amount);
            node.GetProperty("transitions")[0].GetProperty("reason").GetString().ShouldBe("instant_book");
        }

        var hidden = await stranger.Client.GraphQLAsync(Query, new { id = booking.Id });
        hidden.Data.GetProperty("booking").ValueKind.ShouldBe(JsonValueKind.Null);
        hidden.FirstCode.ShouldBe("NOT_FOUND");
        hidden.Errors[0].GetProperty("extensions").GetProperty("data").GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Trips_reservations_conversations_wishlists_notifications_and_amenities_list_what_rest_lists()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(70), 2);
        (await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Is there parking?" })).EnsureSuccessStatusCode();
        var wishlist = await (await guest.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Summer" })).ReadAsync<JsonElement>(System.Net.HttpStatusCode.Created);
        (await guest.Client.PutAsync($"/api/v1/wishlists/{wishlist.GetProperty("id").GetGuid()}/listings/{listing.Id}", null)).EnsureSuccessStatusCode();

        var mine = (await guest.Client.GraphQLAsync(
            """
            {
              myTrips { items { id status listing { id } } nextCursor }
              conversations { items { id listing { id } messages(first: 5) { items { text sender { id } } } } }
              wishlists { name listingCount listings { listingId listing { title } } }
              notifications(first: 5) { items { type data } unreadCount }
              amenities { code }
            }
            """)).ShouldSucceed().Data;
        mine.GetProperty("myTrips").GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(booking.Id);
        mine.GetProperty("conversations").GetProperty("items")[0].GetProperty("messages").GetProperty("items")[0].GetProperty("text").GetString().ShouldBe("Is there parking?");
        mine.GetProperty("wishlists")[0].GetProperty("listings")[0].GetProperty("listing").GetProperty("title").GetString().ShouldBe(listing.Title);
        mine.GetProperty("notifications").GetProperty("items").EnumerateArray().Select(n => n.GetProperty("type").GetString()).ShouldContain("booking_confirmed");
        mine.GetProperty("amenities").GetArrayLength().ShouldBeGreaterThan(10);

        var reservations = (await host.Client.GraphQLAsync("{ hostReservations { items { id listing { id } guest { id } expiresAt } } }")).ShouldSucceed().Data;
        var reservation = reservations.GetProperty("hostReservations").GetProperty("items")[0];
        reservation.GetProperty("id").GetGuid().ShouldBe(booking.Id);
        reservation.GetProperty("guest").GetProperty("id").GetGuid().ShouldBe(guest.Id);
        (await guest.Client.GraphQLAsync("{ hostReservations { items { id } } }")).FirstCode.ShouldBe("FORBIDDEN");
        (await app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM bookings WHERE guest_id = {guest.Id}").SingleAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task The_root_quote_is_the_rest_quote_and_an_unbookable_stay_lists_its_reasons()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var checkIn = TestBookings.Soon(45);
        const string Query = "query ($id: ID!, $in: DateOnly!, $out: DateOnly!, $guests: Int) { quote(listingId: $id, checkIn: $in, checkOut: $out, guests: $guests) { nights subtotal { amount } serviceFee { amount } total { amount currency } hostPayout { amount } } }";
        var quote = (await app.CreateClient().GraphQLAsync(Query, new { id = listing.Id, @in = checkIn, @out = checkIn.AddDays(4), guests = 2 })).ShouldSucceed().Data.GetProperty("quote");
        var rest = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/listings/{listing.Id}/quote?checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(4):yyyy-MM-dd}&guests=2");
        foreach (var line in new[] { "subtotal", "serviceFee", "total", "hostPayout" })
        {
            quote.GetProperty(line).GetProperty("amount").GetInt64().ShouldBe(rest.GetProperty(line).GetProperty("amount").GetInt64(), line);
        }

        var refused = await app.CreateClient().GraphQLAsync(Query, new { id = listing.Id, @in = checkIn, @out = checkIn.AddDays(4), guests = 40 });
        refused.FirstCode.ShouldBe("UNPROCESSABLE");
        refused.Errors[0].GetProperty("extensions").GetProperty("data").GetProperty("status").GetInt32().ShouldBe(422);
    }

    [Fact]
    public async Task Payouts_and_reconciliation_are_there_for_hosts_and_admins_only()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(80), 2);

        (await host.Client.GraphQLAsync("mutation { setPayoutAccount(accountId: \"acct_graph1\") { accountId } }")).ShouldSucceed();
        (await host.Client.GraphQLAsync("mutation { setPayoutAccount(accountId: \"not an account\") { accountId } }")).FirstCode.ShouldBe("BAD_USER_INPUT");
        var payouts = (await host.Client.GraphQLAsync("{ hostPayouts { items { status amount { amount } bookings } nextCursor } }")).ShouldSucceed().Data.GetProperty("hostPayouts");
        var payout = payouts.GetProperty("items").EnumerateArray().Single();
        payout.GetProperty("status").GetString().ShouldBe("SCHEDULED");
        payout.GetProperty("amount").GetProperty("amount").GetInt64().ShouldBe(booking.Quote.HostPayout.Amount);
        payout.GetProperty("bookings")[0].GetGuid().ShouldBe(booking.Id);
        (await guest.Client.GraphQLAsync("{ hostPayouts { nextCursor } }")).FirstCode.ShouldBe("FORBIDDEN");

        (await host.Client.GraphQLAsync("{ reconciliationDifferences { nextCursor } }")).FirstCode.ShouldBe("FORBIDDEN");
        var admin = await app.RegisterAdminAsync();
        (await admin.Client.GraphQLAsync("{ reconciliationDifferences(open: true) { items { intentId } } }")).ShouldSucceed();
    }
}
