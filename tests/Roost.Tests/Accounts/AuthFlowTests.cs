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
    public async Task A_sign_in_on_a_device_the_account_never_used_is_told_to_its_owner_and_a_browser_update_is_not()
    {
        async Task<HttpResponseMessage> SignInAsync(string email, string agent)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password = TestUsers.Password }) };
            request.Headers.TryAddWithoutValidation("User-Agent", agent);
            return await app.CreateClient().SendAsync(request);
        }

        var email = TestUsers.NewEmail();
        var register = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register") { Content = JsonContent.Create(TestUsers.RegisterBody(email)) };
        register.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0");
        var user = (await (await app.CreateClient().SendAsync(register)).ReadAsync<TokenResponse>(HttpStatusCode.Created)).User;

        (await SignInAsync(email, "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var phone = await (await SignInAsync(email, "RoostApp/2.4 (iPhone; iOS 18.1)")).ReadAsync<TokenResponse>();
        (await SignInAsync(email, "RoostApp/2.5 (iPhone; iOS 18.2)")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var notices = await app.ClientWithToken(phone.AccessToken).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/notifications?limit=50");
        var alerts = notices.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("type").GetString() == SignIn.NewDeviceNotice).ToList();
        alerts.Count.ShouldBe(1);
        alerts[0].GetProperty("body").GetString()!.ShouldStartWith("You signed in on RoostApp/2.4 (iPhone; iOS 18.1)");
        user.Email.ShouldBe(email);
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
