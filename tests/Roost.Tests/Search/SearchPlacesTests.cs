using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Search;
using Roost.Platform.Data;
using Roost.Platform.Http;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

/// <summary>A search by place matches the distinct places listings are in, so those must follow every listing.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchPlacesTests(RoostApp app)
{
    private async Task<List<Guid>> FoundAsync(string location) =>
        [.. (await (await app.CreateClient().GetAsync($"/api/v1/listings?location={Uri.EscapeDataString(location)}&limit=50")).ReadAsync<Page<SearchResult>>()).Items.Select(i => i.Id)];

    [Fact]
    public async Task A_home_in_a_new_place_is_found_there_and_follows_its_address_when_it_moves()
    {
        var host = await app.RegisterHostAsync();
        var home = await host.CreatePublishedAsync(new
        {
            title = "By the fjord", description = "Far north.", propertyType = "house", roomType = "entire_place",
            address = new { street = "Strandgata 1", city = "Akureyri", region = "Norðurland eystra", countryCode = "IS" }, latitude = 65.68, longitude = -18.09,
            timeZone = "Atlantic/Reykjavik", maxGuests = 2, bedrooms = 1, beds = 1, bathrooms = 1, currency = "EUR", nightlyPrice = 20_000, cleaningFee = 0,
        });

        (await FoundAsync("akureyri")).ShouldContain(home.Id);
        (await FoundAsync("AKUREYRY")).ShouldContain(home.Id);
        (await FoundAsync("husavik")).ShouldNotContain(home.Id);

        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{home.Id}", new { address = new { street = "Garðarsbraut 2", city = "Húsavík", region = "Norðurland eystra", countryCode = "IS" } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await FoundAsync("Húsavík")).ShouldContain(home.Id);
        (await FoundAsync("husavik")).ShouldContain(home.Id);
        (await FoundAsync("akureyri")).ShouldNotContain(home.Id);

        // The place the home left is forgotten by the nightly prune; the one it is in now stays.
        (await PlacesAsync()).ShouldContain("akureyri nordurland eystra is");
        (await app.WithScopeAsync(services => services.GetRequiredService<SearchPlaces>().PruneAsync())).ShouldBeGreaterThanOrEqualTo(1);
        var places = await PlacesAsync();
        places.ShouldNotContain("akureyri nordurland eystra is");
        places.ShouldContain("husavik nordurland eystra is");
        (await FoundAsync("husavik")).ShouldContain(home.Id);
    }

    private Task<List<string>> PlacesAsync() =>
        app.WithScopeAsync(services => services.GetRequiredService<RoostDb>().Database
            .SqlQueryRaw<string>("SELECT search_location AS \"Value\" FROM search_places").ToListAsync());
}
