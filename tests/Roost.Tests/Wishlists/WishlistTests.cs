using System.Net;
using System.Net.Http.Json;
using Roost.Features.Wishlists;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Wishlists;

[Collection(ApiCollection.Name)]
public sealed class WishlistTests(RoostApp app)
{
    [Fact]
    public async Task A_shared_link_shows_the_name_and_public_listings_to_anyone_until_sharing_stops()
    {
        var host = await app.RegisterHostAsync();
        var shown = await host.CreatePublishedAsync();
        var withdrawn = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var list = await (await guest.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Porto with friends" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);
        await guest.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{shown.Id}", null);
        await guest.Client.PutAsync($"/api/v1/wishlists/{list.Id}/listings/{withdrawn.Id}", null);
        (await host.Client.DeleteAsync($"/api/v1/listings/{withdrawn.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var share = await (await guest.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ReadAsync<WishlistShare>();
        (await (await guest.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ReadAsync<WishlistShare>()).ShouldBe(share);
        share.Path.ShouldBe($"/api/v1/shared-wishlists/{share.Token}");
        share.Token.Length.ShouldBeGreaterThanOrEqualTo(32);
        await (await (await app.RegisterGuestAsync()).Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var dates = $"checkIn={TestBookings.Soon(61):yyyy-MM-dd}&checkOut={TestBookings.Soon(63):yyyy-MM-dd}";
        var body = await (await app.CreateClient().GetAsync($"{share.Path}?{dates}")).Content.ReadAsStringAsync();
        var seen = System.Text.Json.JsonSerializer.Deserialize<WishlistResponse>(body, TestJson.Options)!;
        seen.Name.ShouldBe("Porto with friends");
        seen.Listings.Select(l => (l.ListingId, l.Available)).ShouldBe([(shown.Id, (bool?)true)]);
        body.ShouldNotContain(guest.Id.ToString());
        var graph = (await app.CreateClient().GraphQLAsync("query($t: String!) { sharedWishlist(token: $t) { name listings { listingId } } }", new { t = share.Token })).ShouldSucceed();
        graph.Data.GetProperty("sharedWishlist").GetProperty("name").GetString().ShouldBe("Porto with friends");

        (await guest.Client.DeleteAsync($"/api/v1/wishlists/{list.Id}/share")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.CreateClient().GetAsync(share.Path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var again = await (await guest.Client.PostAsync($"/api/v1/wishlists/{list.Id}/share", null)).ReadAsync<WishlistShare>();
        again.Token.ShouldNotBe(share.Token);

        // Closing the account ends its links with the rest of its personal data.
        (await guest.Client.PostAsJsonAsync("/api/v1/me/close", new { password = guest.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.CreateClient().GetAsync(again.Path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_guest_saves_renames_and_removes_listings_and_sees_which_are_free_for_their_dates()
    {
        var host = await app.RegisterHostAsync();
        var free = await host.CreatePublishedAsync();
        var taken = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        var other = await app.RegisterGuestAsync();
        await other.BookAsync(taken.Id, TestBookings.Soon(50), 3);

        var created = await (await guest.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Summer in Lisbon" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);
        (await guest.Client.PutAsync($"/api/v1/wishlists/{created.Id}/listings/{free.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await guest.Client.PutAsync($"/api/v1/wishlists/{created.Id}/listings/{free.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await guest.Client.PutAsync($"/api/v1/wishlists/{created.Id}/listings/{taken.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var dates = $"checkIn={TestBookings.Soon(51):yyyy-MM-dd}&checkOut={TestBookings.Soon(53):yyyy-MM-dd}";
        var wishlist = await (await guest.Client.GetAsync($"/api/v1/wishlists/{created.Id}?{dates}")).ReadAsync<WishlistResponse>();
        wishlist.Listings.Count.ShouldBe(2);
        wishlist.Listings.Single(l => l.ListingId == free.Id).Available.ShouldBe(true);
        wishlist.Listings.Single(l => l.ListingId == taken.Id).Available.ShouldBe(false);
        (await guest.Client.GetFromJsonAsync<WishlistResponse>($"/api/v1/wishlists/{created.Id}"))!.Listings.ShouldAllBe(l => l.Available == null);

        (await (await guest.Client.PatchAsJsonAsync($"/api/v1/wishlists/{created.Id}", new { name = "Autumn" })).ReadAsync<WishlistSummary>()).Name.ShouldBe("Autumn");
        (await guest.Client.DeleteAsync($"/api/v1/wishlists/{created.Id}/listings/{taken.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await guest.Client.GetFromJsonAsync<List<WishlistSummary>>("/api/v1/wishlists"))!.Single().ListingCount.ShouldBe(1);
        (await guest.Client.DeleteAsync($"/api/v1/wishlists/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await guest.Client.GetFromJsonAsync<List<WishlistSummary>>("/api/v1/wishlists"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wishlists_are_private_and_names_unique_per_user()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var owner = await app.RegisterGuestAsync();
        var stranger = await app.RegisterGuestAsync();
        var wishlist = await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Mine" })).ReadAsync<WishlistSummary>(HttpStatusCode.Created);

        await (await stranger.Client.GetAsync($"/api/v1/wishlists/{wishlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PutAsync($"/api/v1/wishlists/{wishlist.Id}/listings/{listing.Id}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PatchAsJsonAsync($"/api/v1/wishlists/{wishlist.Id}", new { name = "Theirs" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.DeleteAsync($"/api/v1/wishlists/{wishlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await stranger.Client.GetFromJsonAsync<List<WishlistSummary>>("/api/v1/wishlists"))!.ShouldBeEmpty();

        await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Mine" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await stranger.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "Mine" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await owner.Client.PostAsJsonAsync("/api/v1/wishlists", new { name = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.Client.PutAsync($"/api/v1/wishlists/{wishlist.Id}/listings/{Guid.NewGuid()}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Client.GetAsync($"/api/v1/wishlists/{wishlist.Id}?checkIn=2030-01-05")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await owner.Client.GetFromJsonAsync<WishlistResponse>($"/api/v1/wishlists/{wishlist.Id}"))!.Name.ShouldBe("Mine");
    }
}
