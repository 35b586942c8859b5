using System.Net;
using System.Net.Http.Json;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class AuthFlowTests(RoostApp app)
{
    [Fact]
    public async Task Register_login_me_refresh_then_reusing_the_old_refresh_token_ends_the_session()
    {
        var anonymous = app.CreateClient();
        var email = TestUsers.NewEmail();
        var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", TestUsers.RegisterBody(email));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var registration = (await registered.Content.ReadFromJsonAsync<TokenResponse>())!;
        registration.User.Roles.ShouldBe(["guest"]);
        registration.ExpiresIn.ShouldBe(900);
        registered.Headers.Location!.ToString().ShouldBe($"/api/v1/users/{registration.User.Id}");

        var login = await app.LoginAsync(email.ToUpperInvariant(), TestUsers.Password);
        login.User.Id.ShouldBe(registration.User.Id);

        var me = await app.ClientWithToken(login.AccessToken).GetFromJsonAsync<UserResponse>("/api/v1/me");
        me!.Email.ShouldBe(email);
        me.Phone.ShouldBe("+351 912 345 678");

        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rotated = (await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!;
        rotated.RefreshToken.ShouldNotBe(login.RefreshToken);
        (await app.ClientWithToken(rotated.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reuse = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken });
        await reuse.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // The whole family is gone: the newer refresh token and the access tokens of that session too.
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.ClientWithToken(rotated.AccessToken).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // The registration's own session is a different family and still works.
        (await app.ClientWithToken(registration.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_ends_the_session_for_its_access_and_refresh_tokens()
    {
        var user = await app.RegisterGuestAsync();

        (await user.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await user.Client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_answer_alike()
    {
        var user = await app.RegisterGuestAsync();
        var client = app.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the right passphrase" });
        var unknownEmail = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = TestUsers.NewEmail(), password = "not the right passphrase" });

        var a = await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var b = await unknownEmail.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        a.GetProperty("title").GetString().ShouldBe(b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Becoming_a_host_returns_a_token_carrying_the_host_role()
    {
        var host = await app.RegisterHostAsync();

        var me = await host.Client.GetFromJsonAsync<UserResponse>("/api/v1/me");
        me!.Roles.ShouldBe(["guest", "host"], ignoreOrder: true);
        var profile = await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{host.Id}");
        profile!.IsHost.ShouldBeTrue();
    }
}
