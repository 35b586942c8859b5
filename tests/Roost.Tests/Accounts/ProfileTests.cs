using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class ProfileTests(RoostApp app)
{
    [Fact]
    public async Task A_user_changes_their_names_and_phone_and_the_public_profile_follows()
    {
        var user = await app.RegisterGuestAsync();
        (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{user.Id}"))!.FirstName.ShouldBe("Test");

        var response = await user.Client.PatchAsJsonAsync("/api/v1/me", new { firstName = "Maria", phone = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = (await response.Content.ReadFromJsonAsync<UserResponse>())!;
        me.FirstName.ShouldBe("Maria");
        me.LastName.ShouldBe("User");
        me.Phone.ShouldBeNull();

        // The cached public profile was invalidated by the change.
        (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{user.Id}"))!.FirstName.ShouldBe("Maria");
    }

    [Theory]
    [InlineData("""{"roles":["admin"]}""")]
    [InlineData("""{"id":"00000000-0000-0000-0000-000000000001"}""")]
    [InlineData("""{"email":"someone-else@example.test"}""")]
    [InlineData("""{"createdAt":"2020-01-01T00:00:00Z"}""")]
    public async Task A_user_cannot_set_their_role_id_email_or_timestamps(string body)
    {
        var user = await app.RegisterGuestAsync();

        var response = await user.Client.PatchAsync("/api/v1/me", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var me = (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me"))!;
        me.Roles.ShouldBe(["guest"]);
        me.Id.ShouldBe(user.Id);
        me.Email.ShouldBe(user.Email);
    }

    [Fact]
    public async Task Registering_with_a_role_is_refused_and_creates_nothing()
    {
        var email = TestUsers.NewEmail();
        var body = $$"""{"email":"{{email}}","password":"{{TestUsers.Password}}","firstName":"A","lastName":"B","roles":["admin"]}""";

        var response = await app.CreateClient().PostAsync("/api/v1/auth/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("The field 'roles' is not part of this request.");
        (await app.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.NormalizedEmail == email)))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_public_profile_never_shows_email_phone_or_last_name()
    {
        var user = await app.RegisterGuestAsync();

        var body = await (await app.CreateClient().GetAsync($"/api/v1/users/{user.Id}")).Content.ReadAsStringAsync();

        var profile = JsonDocument.Parse(body).RootElement;
        profile.GetProperty("firstName").GetString().ShouldBe("Test");
        body.ShouldNotContain(user.Email);
        body.ShouldNotContain("912 345");
        profile.TryGetProperty("lastName", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_problem()
    {
        await (await app.CreateClient().GetAsync($"/api/v1/users/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
