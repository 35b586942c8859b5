using System.Net;
using System.Net.Http.Json;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class LoginLockoutTests(RoostApp app)
{
    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var user = await app.RegisterGuestAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = $"wrong guess number {i}" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });

        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(locked.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(800, 900);
        // Other accounts are unaffected.
        var other = await app.RegisterGuestAsync();
        await app.LoginAsync(other.Email, other.Password);
    }

    [Fact]
    public async Task Four_failures_then_success_clears_the_count()
    {
        var user = await app.RegisterGuestAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong guess again" });
        }

        await app.LoginAsync(user.Email, user.Password);
        for (var i = 0; i < 4; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong guess again" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await app.LoginAsync(user.Email, user.Password);
    }

    [Fact]
    public async Task An_unknown_email_locks_exactly_like_a_known_one()
    {
        var client = app.CreateClient();
        var email = TestUsers.NewEmail("nobody");
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong guess again" });
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong guess again" });

        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        locked.Headers.Contains("Retry-After").ShouldBeTrue();
    }
}
