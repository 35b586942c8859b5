using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Roost.Platform.Caching;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>An app whose cache has a Redis server of its own (<c>ConnectionStrings:RedisCache</c>).</summary>
public sealed class CacheServerApp(string cacheConnection) : RoostApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["ConnectionStrings:RedisCache"] = cacheConnection,
    };
}

public sealed class RedisCacheServerTests
{
    // Another database of the tests' Redis server stands in for a second server.
    private const int CacheDatabase = 5;

    [Fact]
    public async Task Cached_copies_go_to_the_cache_server_and_sessions_stay_on_the_main_one()
    {
        await using var app = new CacheServerApp($"{TestServers.Redis},defaultDatabase={CacheDatabase}");
        await app.InitializeAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var prefix = app.Services.GetRequiredService<RedisKeyspace>().Prefix;
        var cached = await KeysAsync(app, CacheDatabase, prefix);
        cached.ShouldContain($"cache:listing:{listing.Id:N}");
        cached.ShouldContain($"cache:user-profile:{host.Id:N}");
        cached.ShouldAllBe(k => k.StartsWith("cache:", StringComparison.Ordinal));
        var main = await KeysAsync(app, 0, prefix);
        main.ShouldNotContain(k => k.StartsWith("cache:", StringComparison.Ordinal));
        main.ShouldContain(k => k.StartsWith("session-revoked:", StringComparison.Ordinal));
        main.ShouldContain("listings:generation");
    }

    [Fact]
    public async Task Without_its_cache_server_the_api_still_answers_and_reports_itself_degraded_but_ready()
    {
        await using var app = new CacheServerApp($"127.0.0.1:{TestServers.UnusedPort()}");
        await app.InitializeAsync();
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();

        (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await app.CreateClient().GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        report.GetProperty("status").GetString().ShouldBe("Degraded");
        report.GetProperty("checks").GetProperty("redis-cache").GetProperty("status").GetString().ShouldBe("Degraded");
        report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    private static async Task<List<string>> KeysAsync(RoostApp app, int database, string prefix) =>
        [.. (await TestRedis.KeysAsync(app, $"{prefix}*", database)).Select(k => k[prefix.Length..])];
}
