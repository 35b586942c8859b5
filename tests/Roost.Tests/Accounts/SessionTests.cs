using System.Net;
using System.Net.Http.Json;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class SessionTests(RoostApp app)
{
    [Fact]
    public async Task Each_login_is_a_session_and_ending_one_kills_its_tokens_at_once()
    {
        var laptop = await app.RegisterGuestAsync();
        var phoneClient = app.CreateClient();
        phoneClient.DefaultRequestHeaders.UserAgent.ParseAdd("RoostPhone/1.0");
        var phoneLogin = await (await phoneClient.PostAsJsonAsync("/api/v1/auth/login", new { email = laptop.Email, password = laptop.Password }))
            .Content.ReadFromJsonAsync<TokenResponse>();
        var phone = app.ClientWithToken(phoneLogin!.AccessToken);

        var sessions = await laptop.Client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions");
        sessions!.Count.ShouldBe(2);
        sessions.Count(s => s.Current).ShouldBe(1);
        var phoneSession = sessions.Single(s => s.Device.Contains("RoostPhone"));
        phoneSession.Current.ShouldBeFalse();

        (await laptop.Client.DeleteAsync($"/api/v1/me/sessions/{phoneSession.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await phone.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = phoneLogin.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await laptop.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await laptop.Client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions"))!.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_users_session_cannot_be_seen_or_ended()
    {
        var alice = await app.RegisterGuestAsync("alice");
        var mallory = await app.RegisterGuestAsync("mallory");
        var aliceSession = (await alice.Client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions"))!.Single();

        (await mallory.Client.GetFromJsonAsync<List<SessionResponse>>("/api/v1/me/sessions"))!
            .ShouldNotContain(s => s.Id == aliceSession.Id);
        await (await mallory.Client.DeleteAsync($"/api/v1/me/sessions/{aliceSession.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await alice.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
