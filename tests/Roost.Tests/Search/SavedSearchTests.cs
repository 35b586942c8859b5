using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Listings;
using Roost.Features.Search;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

[Collection(ApiCollection.Name)]
public sealed class SavedSearchTests(RoostApp app)
{
    private static Task<ListingResponse> PublishAtAsync(TestUser host, double lat, double lng) =>
        host.CreatePublishedAsync(new
        {
            title = "A new home", description = "Just listed.", propertyType = "house", roomType = "entire_place",
            address = new { street = "Rua 2", city = "Somewhere", countryCode = "PT" }, latitude = lat, longitude = lng, timeZone = "Europe/Lisbon",
            maxGuests = 4, bedrooms = 2, beds = 2, bathrooms = 1, currency = "EUR", nightlyPrice = 12_000, instantBook = true,
        });

    private Task AlertAsync() => app.WithScopeAsync(services => services.GetRequiredService<SavedSearches>().AlertAsync());

    [Fact]
    public async Task A_saved_search_keeps_the_filters_checked_like_a_live_search_without_paging_or_order()
    {
        var guest = await app.RegisterGuestAsync();

        var saved = await (await guest.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Lisbon with the dog", query = "?location=lisbon&pets=1&sort=price&cursor=abc&guests=2" }))
            .ReadAsync<SavedSearchResponse>(HttpStatusCode.Created);

        (saved.Query, saved.Url, saved.Alerts).ShouldBe(("guests=2&location=lisbon&pets=1", "/api/v1/listings?guests=2&location=lisbon&pets=1", true));
        (await guest.Client.GetAsync(saved.Url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var bad = await (await guest.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Crowd", query = "guests=0&pets=9" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("guests", out _).ShouldBeTrue();
        bad.GetProperty("errors").TryGetProperty("pets", out _).ShouldBeTrue();
        await (await guest.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Lisbon with the dog", query = "location=porto" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var quiet = await (await guest.Client.PatchAsJsonAsync($"/api/v1/me/saved-searches/{saved.Id}", new { alerts = false })).ReadAsync<SavedSearchResponse>();
        quiet.Alerts.ShouldBeFalse();
        var stranger = await app.RegisterGuestAsync();
        await (await stranger.Client.DeleteAsync($"/api/v1/me/saved-searches/{saved.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await stranger.Client.GetAsync("/api/v1/me/saved-searches")).ReadAsync<List<SavedSearchResponse>>()).ShouldBeEmpty();
        (await guest.Client.DeleteAsync($"/api/v1/me/saved-searches/{saved.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await guest.Client.GetAsync("/api/v1/me/saved-searches")).ReadAsync<List<SavedSearchResponse>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_hourly_sweep_tells_of_homes_published_since_the_last_check_once_and_only_to_those_who_asked()
    {
        var host = await app.RegisterHostAsync();
        var (before, lat, lng) = await host.CreatePublishedAloneAsync();
        var guest = await app.RegisterGuestAsync();
        var quiet = await app.RegisterGuestAsync();
        var query = $"lat={lat}&lng={lng}&radiusKm=2";
        (await guest.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Here", query })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await quiet.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Here", query, alerts = false })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await PublishAtAsync(host, lat, lng);
        await AlertAsync();
        await AlertAsync();

        var alerts = (await app.NoticesAsync(guest.Id)).Where(n => n.Type == "saved_search_alert").ToList();
        alerts.Single().Title.ShouldBe("New homes for \"Here\"");
        alerts.Single().Body.ShouldBe($"{after.Title}.");
        alerts.Single().Body.ShouldNotContain(before.Title);
        (await app.NoticesAsync(quiet.Id)).ShouldNotContain(n => n.Type == "saved_search_alert");
        var graph = (await guest.Client.GraphQLAsync("{ savedSearches { name alerts checkedAt } }")).ShouldSucceed();
        graph.Data.GetProperty("savedSearches")[0].GetProperty("name").GetString().ShouldBe("Here");
    }
}
