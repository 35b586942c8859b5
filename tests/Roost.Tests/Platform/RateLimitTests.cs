using System.Net;
using System.Net.Http.Json;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Platform;

public sealed class StrictLimitsApp : RoostApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:AnonymousPerMinute"] = "1000",
        ["RateLimits:UserPerMinute"] = "5",
        ["RateLimits:CredentialsPerMinute"] = "3",
    };
}

public sealed class RateLimitTests(StrictLimitsApp app) : IClassFixture<StrictLimitsApp>
{
    [Fact]
    public async Task Credential_routes_are_throttled_per_client_and_signed_in_users_per_user()
    {
        var client = app.CreateClient();
        var user = await app.RegisterGuestAsync();
        for (var i = 0; i < 2; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "x@example.test", password = "wrong password here" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var throttled = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "x@example.test", password = "wrong password here" });

        await throttled.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(throttled.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
        // Registration shares the credentials budget.
        await (await client.PostAsJsonAsync("/api/v1/auth/register", TestUsers.RegisterBody())).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        // Health checks are never throttled.
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A signed-in user has a budget of their own, apart from the anonymous one of the same address.
        for (var i = 0; i < 5; i++)
        {
            (await user.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var busy = await user.Client.GetAsync("/api/v1/me");
        await busy.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        busy.Headers.Contains("Retry-After").ShouldBeTrue();
        (await client.GetAsync($"/api/v1/users/{user.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>An app whose Redis keyspace another app can share, as two API processes of one deployment do.</summary>
public sealed class SharedBudgetApp : RoostApp
{
    public SharedBudgetApp(string prefix) => RedisKeyPrefix = prefix;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RateLimits:CredentialsPerMinute"] = "3",
    };
}

public sealed class SharedRateLimitTests
{
    [Fact]
    public async Task Two_api_processes_share_one_budget_through_Redis()
    {
        var prefix = $"roost-test-shared:{Guid.NewGuid():N}:";
        await using var first = new SharedBudgetApp(prefix);
        await using var second = new SharedBudgetApp(prefix);
        await first.InitializeAsync();
        await second.InitializeAsync();
        var login = new { email = "nobody@example.test", password = "wrong password here" };

        (await first.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await first.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await second.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var fourth = await second.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login);
        await fourth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(fourth.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
    }
}
