using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Roost.Features.Listings;
using Roost.Platform.Caching;
using Roost.Tests.GraphQL;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Search;

/// <summary>The shared cache keeps the searches people ask for again, not every one-off search.</summary>
public sealed class SearchCacheTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    /// <summary>Cached search pages that show <paramref name="listingId"/> (other tests in this class search too).</summary>
    private async Task<int> CachedPagesShowingAsync(Guid listingId)
    {
        var database = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var prefix = app.Services.GetRequiredService<RedisKeyspace>().Prefix;
        var count = 0;
        foreach (var key in await TestRedis.KeysAsync(app, $"{prefix}cache:search:*"))
        {
            if (((string?)await database.HashGetAsync(key, "data"))?.Contains(listingId.ToString(), StringComparison.Ordinal) == true)
            {
                count++;
            }
        }

        return count;
    }

    private static Task<ListingResponse> HomeInAsync(TestUser host, string city) =>
        host.CreatePublishedAsync(new
        {
            title = $"Home in {city}", description = "For the cache.", propertyType = "house", roomType = "entire_place",
            address = new { street = "Main Street 1", city, countryCode = "NZ" }, latitude = -45.0, longitude = 170.0, timeZone = "Pacific/Auckland",
            maxGuests = 2, bedrooms = 1, beds = 1, bathrooms = 1, currency = "NZD", nightlyPrice = 15_000, cleaningFee = 0,
        });

    [Fact]
    public async Task A_search_asked_once_is_not_cached_and_one_asked_again_is()
    {
        var host = await app.RegisterHostAsync();
        var once = await HomeInAsync(host, "Onceville");
        var twice = await HomeInAsync(host, "Twiceton");
        var client = app.CreateClient();

        (await client.GetAsync("/api/v1/listings?location=onceville&limit=3")).EnsureSuccessStatusCode();
        (await CachedPagesShowingAsync(once.Id)).ShouldBe(0);

        (await client.GetAsync("/api/v1/listings?location=twiceton&limit=3")).EnsureSuccessStatusCode();
        (await CachedPagesShowingAsync(twice.Id)).ShouldBe(0);
        (await client.GetAsync("/api/v1/listings?location=twiceton&limit=3")).EnsureSuccessStatusCode();
        (await CachedPagesShowingAsync(twice.Id)).ShouldBe(1);

        (await client.GetAsync("/api/v1/listings?location=twiceton&limit=3")).EnsureSuccessStatusCode();
        (await CachedPagesShowingAsync(twice.Id)).ShouldBe(1);
        (await CachedPagesShowingAsync(once.Id)).ShouldBe(0);
    }
}
