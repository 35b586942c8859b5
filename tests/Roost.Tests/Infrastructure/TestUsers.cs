using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;

namespace Roost.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string Email, string Password, string AccessToken, string RefreshToken, HttpClient Client);

public static class TestUsers
{
    public const string Password = "a sturdy test passphrase";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    public static object RegisterBody(string? email = null, string password = Password) =>
        new { email = email ?? NewEmail(), password, firstName = "Test", lastName = "User", phone = "+351 912 345 678" };

    public static Task<TestUser> RegisterGuestAsync(this RoostApp app, string prefix = "guest") => app.RegisterAsAsync(NewEmail(prefix));

    /// <summary>Signs up with this very address, as someone invited to it would.</summary>
    public static async Task<TestUser> RegisterAsAsync(this RoostApp app, string email)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", RegisterBody(email));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        return new TestUser(tokens.User.Id, email, Password, tokens.AccessToken, tokens.RefreshToken, app.ClientWithToken(tokens.AccessToken));
    }

    public static async Task<TestUser> RegisterHostAsync(this RoostApp app, string prefix = "host")
    {
        var user = await app.RegisterGuestAsync(prefix);
        var response = await user.Client.PostAsync("/api/v1/me/host", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var upgraded = (await response.Content.ReadFromJsonAsync<AccessTokenResponse>())!;
        return user with { AccessToken = upgraded.AccessToken, Client = app.ClientWithToken(upgraded.AccessToken) };
    }

    /// <summary>Admins are made by the operator command, never over HTTP; the test uses the same code path.</summary>
    public static async Task<TestUser> RegisterAdminAsync(this RoostApp app)
    {
        var user = await app.RegisterGuestAsync("admin");
        await app.WithScopeAsync(async services =>
            (await services.GetRequiredService<AccountAdministration>().GrantAdminAsync(user.Email, CancellationToken.None)).ShouldBeTrue());
        var tokens = await app.LoginAsync(user.Email, user.Password);
        return user with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken, Client = app.ClientWithToken(tokens.AccessToken) };
    }

    public static async Task<TokenResponse> LoginAsync(this RoostApp app, string email, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }
}
