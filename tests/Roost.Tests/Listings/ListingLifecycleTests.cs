using System.Net;
using System.Net.Http.Json;
using Roost.Features.Listings;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Listings;

[Collection(ApiCollection.Name)]
public sealed class ListingLifecycleTests(RoostApp app)
{
    [Fact]
    public async Task A_listing_page_shows_its_hosts_new_name_at_once_though_the_page_is_cached()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var anyone = app.CreateClient();
        var before = await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}")).ReadAsync<ListingResponse>();

        (await host.Client.PatchAsJsonAsync("/api/v1/me", new { firstName = "Renamed" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await (await anyone.GetAsync($"/api/v1/listings/{listing.Id}")).ReadAsync<ListingResponse>();
        before.Host.FirstName.ShouldNotBe("Renamed");
        after.Host.FirstName.ShouldBe("Renamed");
        after.Title.ShouldBe(before.Title);
    }

    [Fact]
    public async Task A_host_creates_edits_illustrates_publishes_unlists_and_archives_a_listing()
    {
        var host = await app.RegisterHostAsync();
        var draft = await host.CreateDraftAsync(new { title = "Loft", currency = "EUR", propertyType = "loft", roomType = "private_room" });
        draft.Status.ShouldBe(ListingStatus.Draft);
        draft.MaxNights.ShouldBe(365);
        draft.MissingForPublication.ShouldBe(["description", "address", "latitude", "longitude", "timeZone", "nightlyPrice", "photos"], ignoreOrder: true);

        var notReady = await host.Client.PostAsync($"/api/v1/listings/{draft.Id}/publish", null);
        var problem = await notReady.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").TryGetProperty("photos", out _).ShouldBeTrue();

        var edited = await host.Client.PatchAsJsonAsync($"/api/v1/listings/{draft.Id}", TestListings.CompleteInput());
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var listing = (await edited.Content.ReadFromJsonAsync<ListingResponse>(TestJson.Options))!;
        listing.Title.ShouldBe("Sunny flat by the river");
        listing.Bathrooms.ShouldBe(1.5m);
        listing.Amenities.Select(a => a.Code).ShouldBe(["kitchen", "wifi"]);
        listing.MissingForPublication.ShouldBe(["photos"]);

        await host.UploadPhotoAsync(draft.Id);
        var published = await host.Client.PostAsync($"/api/v1/listings/{draft.Id}/publish", null);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);

        var publicView = (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{draft.Id}", TestJson.Options))!;
        publicView.Status.ShouldBe(ListingStatus.Published);
        publicView.Host.FirstName.ShouldBe("Test");
        publicView.Photos.Count.ShouldBe(1);
        publicView.Address.Street.ShouldBeNull();
        (publicView.Latitude, publicView.Longitude).ShouldBe((38.71, -9.137));
        (listing.Latitude, listing.Longitude).ShouldBe((38.7101, -9.1372));
        publicView.Address.City.ShouldBe("Lisbon");
        publicView.Rating.ShouldBeNull();
        publicView.ReviewCount.ShouldBe(0);

        (await host.Client.PostAsync($"/api/v1/listings/{draft.Id}/unpublish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{draft.Id}", TestJson.Options))!.Status.ShouldBe(ListingStatus.Unlisted);

        (await host.Client.DeleteAsync($"/api/v1/listings/{draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{draft.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{draft.Id}", TestJson.Options))!.Status.ShouldBe(ListingStatus.Archived);
        await (await host.Client.PostAsync($"/api/v1/listings/{draft.Id}/publish", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_is_visible_only_to_its_owner()
    {
        var host = await app.RegisterHostAsync();
        var draft = await host.CreateDraftAsync();
        var otherHost = await app.RegisterHostAsync();

        (await host.Client.GetAsync($"/api/v1/listings/{draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.CreateClient().GetAsync($"/api/v1/listings/{draft.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherHost.Client.GetAsync($"/api/v1/listings/{draft.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherHost.Client.GetAsync($"/api/v1/listings/{draft.Id}/calendar")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_host_or_a_guest_cannot_change_a_listing_and_nothing_changes()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var intruders = new[] { await app.RegisterHostAsync(), await app.RegisterGuestAsync() };

        foreach (var intruder in intruders)
        {
            await (await intruder.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { nightlyPrice = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await intruder.Client.DeleteAsync($"/api/v1/listings/{listing.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await intruder.Client.UploadAsync(listing.Id, TestListings.Png)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await intruder.Client.PutAsJsonAsync($"/api/v1/listings/{listing.Id}/calendar", new { from = "2030-01-01", to = "2030-01-03", available = false }))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        var after = (await host.Client.GetFromJsonAsync<ListingResponse>($"/api/v1/listings/{listing.Id}", TestJson.Options))!;
        after.NightlyPrice.ShouldBe(listing.NightlyPrice);
        after.Status.ShouldBe(ListingStatus.Published);
        after.Photos.Count.ShouldBe(1);
        var calendar = await host.Client.GetStringAsync($"/api/v1/listings/{listing.Id}/calendar?from=2030-01-01&to=2030-01-03");
        calendar.ShouldNotContain("\"blocked\"");
    }

    [Fact]
    public async Task A_guest_cannot_create_listings_until_they_become_a_host()
    {
        var guest = await app.RegisterGuestAsync();
        await (await guest.Client.PostAsJsonAsync("/api/v1/listings", TestListings.CompleteInput())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var upgraded = await (await guest.Client.PostAsync("/api/v1/me/host", null)).Content.ReadFromJsonAsync<Roost.Features.Accounts.AccessTokenResponse>();
        (await app.ClientWithToken(upgraded!.AccessToken).PostAsJsonAsync("/api/v1/listings", TestListings.CompleteInput())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_host_lists_their_own_listings_page_by_page()
    {
        var host = await app.RegisterHostAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.CreateDraftAsync();
        }

        var first = (await host.Client.GetFromJsonAsync<Roost.Platform.Http.Page<ListingSummary>>("/api/v1/host/listings?limit=3", TestJson.Options))!;
        var second = (await host.Client.GetFromJsonAsync<Roost.Platform.Http.Page<ListingSummary>>($"/api/v1/host/listings?limit=3&cursor={first.NextCursor}", TestJson.Options))!;

        first.Items.Count.ShouldBe(3);
        second.Items.Count.ShouldBe(2);
        second.NextCursor.ShouldBeNull();
        first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)).ShouldBeEmpty();
        await (await host.Client.GetAsync("/api/v1/host/listings?cursor=forged")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_amenity_catalogue_is_served_and_unknown_amenities_are_refused()
    {
        var amenities = await app.CreateClient().GetFromJsonAsync<List<Amenity>>("/api/v1/amenities");
        amenities!.Select(a => a.Code).ShouldContain("pets_allowed");

        var host = await app.RegisterHostAsync();
        var response = await host.Client.PostAsJsonAsync("/api/v1/listings", new { title = "X", currency = "EUR", amenities = new[] { "wifi", "helipad" } });
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("amenities").ToString().ShouldContain("helipad");
    }
}
