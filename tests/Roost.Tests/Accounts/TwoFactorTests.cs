using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Secrets;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

public sealed class TotpTests
{
    // RFC 6238, appendix B: the SHA-1 key "12345678901234567890", 8-digit codes; authenticator apps show the last 6.
    private const string RfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Codes_are_the_rfc_test_vectors(long unixSeconds, string code) =>
        Totp.CodeAt(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))).ShouldBe(code);

    [Fact]
    public void A_code_is_good_for_its_step_and_one_either_side_only()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var step = Totp.StepAt(now);
        foreach (var offset in new[] { -1, 0, 1 })
        {
            Totp.StepOf(RfcSecret, Totp.CodeAt(RfcSecret, step + offset), now).ShouldBe(step + offset);
        }

        Totp.StepOf(RfcSecret, Totp.CodeAt(RfcSecret, step + 2), now).ShouldBeNull();
        Totp.StepOf(RfcSecret, Totp.CodeAt(RfcSecret, step - 2), now).ShouldBeNull();
    }
}

[Collection(ApiCollection.Name)]
public sealed class TwoFactorTests(RoostApp app)
{
    private Task<HttpResponseMessage> LoginAsync(TestUser user, string? code = null, string? password = null) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = password ?? user.Password, code });

    private static string CodeFor(string secret, int stepsAhead = 0) => Totp.CodeAt(secret, Totp.StepAt(DateTimeOffset.UtcNow) + stepsAhead);

    private async Task<(TestUser User, string Secret, string ConfirmingCode, IReadOnlyList<string> RecoveryCodes)> TurnedOnAsync()
    {
        var user = await app.RegisterGuestAsync();
        var setup = await (await user.Client.PostAsync("/api/v1/me/two-factor", null)).ReadAsync<TwoFactorSetup>();
        setup.OtpauthUri.ShouldStartWith("otpauth://totp/Roost%3A");
        setup.OtpauthUri.ShouldContain($"secret={setup.Secret}&issuer=Roost");
        // Set up but not confirmed: signing in is as before.
        (await LoginAsync(user)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var wrong = CodeFor(setup.Secret) == "000000" ? "111111" : "000000";
        await (await user.Client.PostAsJsonAsync("/api/v1/me/two-factor/confirm", new { code = wrong })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var confirming = CodeFor(setup.Secret);
        var codes = await (await user.Client.PostAsJsonAsync("/api/v1/me/two-factor/confirm", new { code = confirming })).ReadAsync<TwoFactorRecoveryCodes>();
        codes.RecoveryCodes.Count.ShouldBe(10);
        codes.RecoveryCodes.Distinct().Count().ShouldBe(10);
        (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me", TestJson.Options))!.TwoFactorEnabled.ShouldBeTrue();
        return (user, setup.Secret, confirming, codes.RecoveryCodes);
    }

    [Fact]
    public async Task The_secret_is_sealed_at_rest_bound_to_its_user_and_a_secret_stored_plain_is_sealed_at_the_next_sign_in()
    {
        var (user, secret, _, _) = await TurnedOnAsync();
        var stored = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorSecret!).SingleAsync());
        stored.ShouldStartWith("v2:");
        stored.ShouldNotContain(secret);
        var box = app.Services.GetRequiredService<SealedSecrets>();
        box.Open(user.Id, stored).ShouldBe(secret);
        Should.Throw<System.Security.Cryptography.AuthenticationTagMismatchException>(() => box.Open(Guid.NewGuid(), stored));

        // As the secret was stored before sealing began.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorSecret, secret)));
        (await LoginAsync(user, CodeFor(secret, 1))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var resealed = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorSecret!).SingleAsync());
        resealed.ShouldStartWith("v2:");
        box.Open(user.Id, resealed).ShouldBe(secret);
    }

    [Fact]
    public async Task The_daily_job_seals_secrets_left_under_a_rotated_out_key_with_the_current_one_and_sign_in_still_works()
    {
        var (user, secret, _, _) = await TurnedOnAsync();
        var retired = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var underRetired = new SealedSecrets(Microsoft.Extensions.Options.Options.Create(new SealingOptions { EncryptionKey = retired })).Seal(user.Id, secret);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorSecret, underRetired)));
        var rotated = new SealedSecrets(Microsoft.Extensions.Options.Options.Create(new SealingOptions { EncryptionKey = RoostApp.SealingKey, PreviousKeys = [retired] }));

        var resealed = await app.WithScopeAsync(services => new TwoFactorResealing(
            services.GetRequiredService<RoostDb>(), rotated, Microsoft.Extensions.Logging.Abstractions.NullLogger<TwoFactorResealing>.Instance).ResealAsync());

        resealed.ShouldBeGreaterThanOrEqualTo(1);
        var stored = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorSecret!).SingleAsync());
        app.Services.GetRequiredService<SealedSecrets>().IsCurrent(stored).ShouldBeTrue();
        (await LoginAsync(user, CodeFor(secret, 1))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Once_on_a_login_needs_a_code_each_good_once_or_a_recovery_code_once()
    {
        var (user, secret, confirming, recovery) = await TurnedOnAsync();

        var asked = await (await LoginAsync(user)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        asked.GetProperty("code").GetString().ShouldBe(TwoFactorAuth.RequiredCode);
        // The confirming code was spent; the next step's code (a phone a little ahead) works once.
        await (await LoginAsync(user, confirming)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var ahead = CodeFor(secret, 1);
        (await LoginAsync(user, ahead)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await LoginAsync(user, ahead)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        // A wrong password with a right code is still a wrong password.
        await (await LoginAsync(user, recovery[0], password: "not the password at all")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await LoginAsync(user, recovery[0].ToUpperInvariant())).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await LoginAsync(user, recovery[0])).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await LoginAsync(user, recovery[1].Replace("-", ""))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var graph = await app.CreateClient().GraphQLAsync(
            "mutation($input: LoginInput!) { login(input: $input) { user { twoFactorEnabled } } }",
            new { input = new { email = user.Email, password = user.Password, code = recovery[2] } });
        graph.ShouldSucceed().Data.GetProperty("login").GetProperty("user").GetProperty("twoFactorEnabled").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Guessing_codes_locks_the_login_like_guessing_passwords_and_turning_it_off_takes_the_password()
    {
        var (user, secret, _, _) = await TurnedOnAsync();
        await (await user.Client.PostAsJsonAsync("/api/v1/me/two-factor/off", new { password = "not the password at all" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await user.Client.PostAsJsonAsync("/api/v1/me/two-factor/off", new { password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await LoginAsync(user)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await user.Client.PostAsJsonAsync("/api/v1/me/two-factor/off", new { password = user.Password })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var (other, otherSecret, _, _) = await TurnedOnAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await LoginAsync(other, $"{i}{i}{i}-guess")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await LoginAsync(other, CodeFor(otherSecret, 1))).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        secret.ShouldNotBe(otherSecret);
    }

    [Fact]
    public async Task Support_turns_it_off_for_a_user_who_lost_phone_and_codes_and_the_user_is_told()
    {
        var (user, _, _, _) = await TurnedOnAsync();
        var admin = await app.RegisterAdminAsync();
        await (await user.Client.PostAsJsonAsync($"/api/v1/admin/users/{user.Id}/two-factor/reset", new { reason = "Identity checked by video call" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await LoginAsync(user)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{user.Id}/two-factor/reset", new { reason = "Identity checked by video call" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var back = await (await LoginAsync(user)).ReadAsync<TokenResponse>();
        back.User.TwoFactorEnabled.ShouldBeFalse();
        var notices = await app.ClientWithToken(back.AccessToken).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/notifications?limit=50");
        notices.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("type").GetString() == "two_factor_reset")
            .GetProperty("body").GetString()!.ShouldContain("Identity checked by video call");
        var audit = await admin.Client.GetFromJsonAsync<Roost.Platform.Http.Page<Roost.Features.Admin.AuditEntryResponse>>($"/api/v1/admin/audit?targetId={user.Id}", TestJson.Options);
        audit!.Items.Select(e => (e.Action, e.ActorId)).ShouldBe([("reset_two_factor", admin.Id)]);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{user.Id}/two-factor/reset", new { reason = "Again" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
