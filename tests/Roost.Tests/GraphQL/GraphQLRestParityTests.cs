using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Tests.Infrastructure;
using Roost.Tests.Payments;

namespace Roost.Tests.GraphQL;

/// <summary>The REST routes beyond the core set, through GraphQL: the same feature code answers, with the same rules.</summary>
[Collection(ApiCollection.Name)]
public sealed class GraphQLRestParityTests(RoostApp app) : MovesMoney
{
    protected override RoostApp Books => app;

    [Fact]
    public async Task A_graphql_only_client_edits_its_profile_becomes_a_host_and_manages_its_sessions()
    {
        var guest = await app.RegisterGuestAsync();
        var laptop = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = guest.Email, password = guest.Password });
        var laptopToken = (await laptop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        (await guest.Client.GraphQLAsync("mutation { updateProfile(input: { firstName: \"Ines\" }) { firstName } }")).ShouldSucceed()
            .Data.GetProperty("updateProfile").GetProperty("firstName").GetString().ShouldBe("Ines");
        (await guest.Client.GraphQLAsync("mutation { updateProfile(input: { firstName: \"\" }) { firstName } }")).FirstCode.ShouldBe("BAD_USER_INPUT");
        (await app.CreateClient().GraphQLAsync($"{{ user(id: \"{guest.Id}\") {{ firstName }} }}")).ShouldSucceed()
            .Data.GetProperty("user").GetProperty("firstName").GetString().ShouldBe("Ines");
        (await app.CreateClient().GraphQLAsync($"{{ user(id: \"{Guid.NewGuid()}\") {{ firstName }} }}")).FirstCode.ShouldBe("NOT_FOUND");

        var hostToken = (await guest.Client.GraphQLAsync("mutation { becomeHost { accessToken user { roles } } }")).ShouldSucceed()
            .Data.GetProperty("becomeHost").GetProperty("accessToken").GetString()!;
        var asHost = app.ClientWithToken(hostToken);
        (await asHost.GraphQLAsync("mutation ($input: ListingInput!) { createListing(input: $input) { status } }", new { input = new { title = "A first listing", currency = "EUR" } })).ShouldSucceed();

        var sessions = (await asHost.GraphQLAsync("{ mySessions { id current } }")).ShouldSucceed().Data.GetProperty("mySessions").EnumerateArray().ToList();
        sessions.Count.ShouldBe(2);
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        (await asHost.GraphQLAsync($"mutation {{ endSession(id: \"{other}\") }}")).ShouldSucceed();
        (await app.ClientWithToken(laptopToken).GraphQLAsync("{ me { email } }")).FirstCode.ShouldBe("UNAUTHENTICATED");

        (await asHost.GraphQLAsync("mutation { logout }")).ShouldSucceed();
        (await asHost.GraphQLAsync("{ me { email } }")).FirstCode.ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_host_lists_their_listings_and_captions_orders_and_deletes_photos_and_nobody_else_may()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var second = await host.UploadPhotoAsync(listing.Id);
        var first = listing.Photos[0].Id;

        var mine = (await host.Client.GraphQLAsync("{ hostListings(first: 5) { items { id status } nextCursor } }")).ShouldSucceed().Data.GetProperty("hostListings");
        mine.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(listing.Id);

        var captioned = (await host.Client.GraphQLAsync("mutation ($l: ID!, $p: ID!) { setPhotoCaption(listingId: $l, photoId: $p, caption: \"The balcony\") { caption } }",
            new { l = listing.Id, p = second.Id })).ShouldSucceed();
        captioned.Data.GetProperty("setPhotoCaption").GetProperty("caption").GetString().ShouldBe("The balcony");
        var reordered = (await host.Client.GraphQLAsync("mutation ($l: ID!, $ids: [ID!]!) { reorderPhotos(listingId: $l, photoIds: $ids) { id position } }",
            new { l = listing.Id, ids = new[] { second.Id, first } })).ShouldSucceed();
        reordered.Data.GetProperty("reorderPhotos")[0].GetProperty("id").GetGuid().ShouldBe(second.Id);

        var stranger = await app.RegisterHostAsync();
        (await stranger.Client.GraphQLAsync("mutation ($l: ID!, $p: ID!) { deletePhoto(listingId: $l, photoId: $p) }", new { l = listing.Id, p = first })).FirstCode.ShouldBe("FORBIDDEN");
        (await stranger.Client.GraphQLAsync("{ hostListings { items { id } } }")).ShouldSucceed().Data.GetProperty("hostListings").GetProperty("items").GetArrayLength().ShouldBe(0);
        (await (await app.RegisterGuestAsync()).Client.GraphQLAsync("{ hostListings { items { id } } }")).FirstCode.ShouldBe("FORBIDDEN");

        (await host.Client.GraphQLAsync("mutation ($l: ID!, $p: ID!) { deletePhoto(listingId: $l, photoId: $p) }", new { l = listing.Id, p = first })).ShouldSucceed();
        (await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options))!.Photos.Select(p => p.Id).ShouldBe([second.Id]);
    }

    [Fact]
    public async Task A_host_unlists_and_archives_a_listing_but_not_while_guests_are_still_to_come()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        const string Archive = "mutation ($id: ID!) { archiveListing(id: $id) }";

        (await host.Client.GraphQLAsync("mutation ($id: ID!) { unpublishListing(id: $id) { status } }", new { id = listing.Id })).ShouldSucceed()
            .Data.GetProperty("unpublishListing").GetProperty("status").GetString().ShouldBe("UNLISTED");
        (await host.Client.GraphQLAsync(Archive, new { id = listing.Id })).FirstCode.ShouldBe("CONFLICT");
        (await (await guest.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<CancelResponse>()).Booking.Status.ShouldBe(BookingStatus.CancelledByGuest);
        (await (await app.RegisterHostAsync()).Client.GraphQLAsync(Archive, new { id = listing.Id })).FirstCode.ShouldBe("FORBIDDEN");

        (await host.Client.GraphQLAsync(Archive, new { id = listing.Id })).ShouldSucceed().Data.GetProperty("archiveListing").GetBoolean().ShouldBeTrue();
        (await guest.Client.GetAsync($"/api/v1/listings/{listing.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wishlists_are_read_renamed_and_deleted_by_their_owner_only()
    {
        var guest = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();
        var wishlist = (await guest.Client.GraphQLAsync("mutation { createWishlist(name: \"Summer\") { id } }")).ShouldSucceed().Data.GetProperty("createWishlist").GetProperty("id").GetGuid();

        (await guest.Client.GraphQLAsync("mutation ($id: ID!) { renameWishlist(id: $id, name: \"Winter\") { name } }", new { id = wishlist })).ShouldSucceed()
            .Data.GetProperty("renameWishlist").GetProperty("name").GetString().ShouldBe("Winter");
        (await guest.Client.GraphQLAsync("query ($id: ID!) { wishlist(id: $id) { name listingCount } }", new { id = wishlist })).ShouldSucceed()
            .Data.GetProperty("wishlist").GetProperty("name").GetString().ShouldBe("Winter");
        (await guest.Client.GraphQLAsync("mutation ($id: ID!) { renameWishlist(id: $id, name: \"\") { name } }", new { id = wishlist })).FirstCode.ShouldBe("BAD_USER_INPUT");
        (await stranger.Client.GraphQLAsync("query ($id: ID!) { wishlist(id: $id) { name } }", new { id = wishlist })).FirstCode.ShouldBe("NOT_FOUND");
        (await stranger.Client.GraphQLAsync("mutation ($id: ID!) { deleteWishlist(id: $id) }", new { id = wishlist })).FirstCode.ShouldBe("NOT_FOUND");

        (await guest.Client.GraphQLAsync("mutation ($id: ID!) { deleteWishlist(id: $id) }", new { id = wishlist })).ShouldSucceed();
        (await guest.Client.GraphQLAsync("{ wishlists { id } }")).ShouldSucceed().Data.GetProperty("wishlists").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_host_marks_a_conversation_read_and_a_stranger_finds_nothing()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var conversation = (await guest.Client.GraphQLAsync("mutation ($id: ID!) { startConversation(listingId: $id, text: \"Is there parking?\") { id } }", new { id = listing.Id }))
            .ShouldSucceed().Data.GetProperty("startConversation").GetProperty("id").GetGuid();
        (await host.Client.GraphQLAsync("{ conversations { items { unread } } }")).Data.GetProperty("conversations").GetProperty("items")[0].GetProperty("unread").GetInt32().ShouldBe(1);

        (await host.Client.GraphQLAsync("mutation ($id: ID!) { markConversationRead(id: $id) }", new { id = conversation })).ShouldSucceed();

        (await host.Client.GraphQLAsync("{ conversations { items { unread } } }")).Data.GetProperty("conversations").GetProperty("items")[0].GetProperty("unread").GetInt32().ShouldBe(0);
        (await (await app.RegisterGuestAsync()).Client.GraphQLAsync("mutation ($id: ID!) { markConversationRead(id: $id) }", new { id = conversation })).FirstCode.ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task An_admin_refunds_part_of_a_booking_once_per_key_and_nobody_else_may()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 3);
        var admin = await app.RegisterAdminAsync();
        const string Refund = "mutation ($id: ID!, $input: AdminRefundInput!, $key: String!) { refundBooking(id: $id, input: $input, idempotencyKey: $key) { refunded { amount } } }";
        var variables = new { id = booking.Id, input = new { amount = 2500, reason = "noisy neighbours" }, key = Guid.NewGuid().ToString() };

        (await admin.Client.GraphQLAsync(Refund, variables)).ShouldSucceed().Data.GetProperty("refundBooking").GetProperty("refunded").GetProperty("amount").GetInt64().ShouldBe(2500);
        (await admin.Client.GraphQLAsync(Refund, variables)).ShouldSucceed().Data.GetProperty("refundBooking").GetProperty("refunded").GetProperty("amount").GetInt64().ShouldBe(2500);
        (await guest.Client.GraphQLAsync(Refund, variables with { key = Guid.NewGuid().ToString() })).FirstCode.ShouldBe("FORBIDDEN");
        (await admin.Client.GraphQLAsync(Refund, new { id = booking.Id, input = new { amount = 0, reason = "x" }, key = Guid.NewGuid().ToString() })).FirstCode.ShouldBe("BAD_USER_INPUT");

        var payments = await guest.Client.GetFromJsonAsync<BookingPaymentsResponse>($"/api/v1/bookings/{booking.Id}/payments", TestJson.Options);
        payments!.Refunded.Amount.ShouldBe(2500);
    }
}
