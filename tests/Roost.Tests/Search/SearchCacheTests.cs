using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Roost.Tests.GraphQL;

namespace Roost.Tests.Search;

/// <summary>The shared cache keeps the searches people ask for again, not every one-off search.</summary>
public sealed class SearchCacheTests(ApiOnlyApp app) : IClassFixture<ApiOnlyApp>
{
    private async Task<int> CachedSearchesAsync()
    {
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var count = 0;
        await foreach (var _ in server.KeysAsync(redis.GetDatabase().Database, "roost:cache:search:*"))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task A_search_asked_once_is_not_cached_and_one_asked_again_is()
    {
        var before = await CachedSearchesAsync();
        var client = app.CreateClient();

        (await client.GetAsync("/api/v1/listings?location=once-only-town&limit=3")).EnsureSuccessStatusCode();
        (await CachedSearchesAsync()).ShouldBe(before);

        (await client.GetAsync("/api/v1/listings?location=asked-twice-town&limit=3")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/v1/listings?location=asked-twice-town&limit=3")).EnsureSuccessStatusCode();
        (await CachedSearchesAsync()).ShouldBe(before + 1);

        (await client.GetAsync("/api/v1/listings?location=asked-twice-town&limit=3")).EnsureSuccessStatusCode();
        (await CachedSearchesAsync()).ShouldBe(before + 1);
    }
}
