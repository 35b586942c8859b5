using System.Net;
using System.Net.Http.Json;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

/// <summary>Two deployments on one Redis server, each under its own <c>Redis:KeyPrefix</c>, do not meet there.</summary>
public sealed class RedisKeyspaceTests
{
    [Fact]
    public async Task Deployments_with_their_own_prefixes_keep_budgets_caches_and_revocations_apart()
    {
        var prefix = $"roost-test-keyspace:{Guid.NewGuid():N}:";
        await using var first = new SharedBudgetApp(prefix);
        await using var second = new SharedBudgetApp($"roost-test-keyspace:{Guid.NewGuid():N}:");
        await first.InitializeAsync();
        await second.InitializeAsync();
        // A home read (cached), a calendar moved on (the listings' generation), a session ended (its marker).
        var host = await first.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await first.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The first deployment spends the rest of its credentials budget (registering took one of three); the second
        // still has all of its own.
        var login = new { email = "nobody@example.test", password = "wrong password here" };
        for (var i = 0; i < 2; i++)
        {
            (await first.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await (await first.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await second.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Every key the first deployment wrote for all that starts with its prefix.
        var keys = (await TestRedis.KeysAsync(first, $"{prefix}*")).Select(k => k[prefix.Length..]).ToList();
        keys.ShouldContain(k => k.StartsWith("ratelimit:credentials:", StringComparison.Ordinal));
        keys.ShouldContain($"cache:listing:{listing.Id:N}");
        keys.ShouldContain("listings:generation");
        keys.ShouldContain(k => k.StartsWith("session-revoked:", StringComparison.Ordinal));

        // Nothing about the home was written outside the first deployment's keyspace.
        var keysNamingHome = await TestRedis.KeysAsync(first, $"*{listing.Id:N}*");
        keysNamingHome.ShouldAllBe(k => k.StartsWith(prefix, StringComparison.Ordinal));
    }
}
