using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Accounts;
using Roost.Platform.Notifications;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class PasswordTests(RoostApp app)
{
    private const string NewPassword = "another sturdy passphrase";

    [Fact]
    public async Task A_forgotten_password_is_reset_by_the_emailed_link_once_and_every_device_is_signed_out()
    {
        var user = await app.RegisterGuestAsync();
        var phone = await app.LoginAsync(user.Email, user.Password);

        var token = await RequestResetLinkAsync(user);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = NewPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await app.LoginAsync(user.Email, NewPassword);
        await (await user.Client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.ClientWithToken(phone.AccessToken).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = phone.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var again = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "a third sturdy passphrase" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        again.GetProperty("errors").GetProperty("token")[0].GetString()!.ShouldContain("already used");
        await app.LoginAsync(user.Email, NewPassword);

        var notices = await NoticesAsync(user.Id);
        notices.Select(n => n.Type).ShouldBe(["verify_email", "password_reset", "password_changed"]);
        notices.ShouldAllBe(n => !n.Body.Contains(token));
    }

    [Fact]
    public async Task Asking_for_a_reset_answers_alike_for_unknown_addresses_and_sends_one_link_per_two_minutes()
    {
        var user = await app.RegisterGuestAsync();
        var anonymous = app.CreateClient();

        (await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = TestUsers.NewEmail("nobody") })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = user.Email.ToUpperInvariant() })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "not an address" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await NoticesAsync(user.Id)).Count(n => n.Type == Passwords.ResetRequestedNotice).ShouldBe(1);
    }

    [Fact]
    public async Task A_link_that_expired_was_altered_or_is_not_a_link_changes_nothing()
    {
        var user = await app.RegisterGuestAsync();
        var expired = await app.WithScopeAsync(async services =>
        {
            var account = await services.GetRequiredService<Roost.Platform.Data.RoostDb>().Users.SingleAsync(u => u.Id == user.Id);
            return services.GetRequiredService<AccountLinks>().PasswordReset(account, DateTimeOffset.UtcNow - AccountLinks.PasswordResetLifetime - TimeSpan.FromMinutes(1));
        });
        var token = await RequestResetLinkAsync(user);
        var altered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        foreach (var (bad, says) in new[] { (expired, "expired"), (altered, "not valid"), ("not-a-token", "not valid"), (token + "AA", "not valid") })
        {
            var problem = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token = bad, newPassword = NewPassword }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").GetProperty("token")[0].GetString()!.ShouldContain(says);
        }

        var weak = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "short" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        weak.GetProperty("errors").GetProperty("newPassword").GetArrayLength().ShouldBeGreaterThan(0);

        (await user.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.LoginAsync(user.Email, user.Password);
        // Nothing above spent the genuine link.
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = NewPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Changing_a_password_needs_the_current_one_and_signs_out_only_the_other_devices()
    {
        var laptop = await app.RegisterGuestAsync();
        var phone = await app.LoginAsync(laptop.Email, laptop.Password);

        await (await laptop.Client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "not the password at all", newPassword = NewPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var same = await (await laptop.Client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = laptop.Password, newPassword = laptop.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        same.GetProperty("errors").GetProperty("newPassword")[0].GetString()!.ShouldContain("differ");
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/me/password", new { currentPassword = laptop.Password, newPassword = NewPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await app.ClientWithToken(phone.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await laptop.Client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = laptop.Password, newPassword = NewPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await laptop.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.ClientWithToken(phone.AccessToken).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = phone.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = laptop.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.LoginAsync(laptop.Email, NewPassword);
        (await NoticesAsync(laptop.Id)).Select(n => n.Type).ShouldBe(["verify_email", "password_changed"]);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_as_failed_logins_so_a_stolen_token_cannot_guess_on()
    {
        var user = await app.RegisterGuestAsync();
        for (var attempt = 0; attempt < LoginThrottle.MaxFailures; attempt++)
        {
            await (await user.Client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = $"guess number {attempt}", newPassword = NewPassword }))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await user.Client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = NewPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        // The mailbox's owner is let back in by a reset, which clears the failed guesses.
        var token = await RequestResetLinkAsync(user);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = NewPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await app.LoginAsync(user.Email, NewPassword);
    }

    [Fact]
    public async Task Passwords_are_changed_and_reset_through_GraphQL_too()
    {
        var user = await app.RegisterGuestAsync();
        const string change = "mutation($input: ChangePasswordInput!) { changePassword(input: $input) }";
        (await user.Client.GraphQLAsync(change, new { input = new { currentPassword = "not the password at all", newPassword = NewPassword } }))
            .FirstCode.ShouldBe("FORBIDDEN");
        (await user.Client.GraphQLAsync(change, new { input = new { currentPassword = user.Password, newPassword = NewPassword } }))
            .ShouldSucceed().Data.GetProperty("changePassword").GetBoolean().ShouldBeTrue();

        var anonymous = app.CreateClient();
        (await anonymous.GraphQLAsync("mutation($input: ForgotPasswordInput!) { requestPasswordReset(input: $input) }", new { input = new { email = user.Email } }))
            .ShouldSucceed().Data.GetProperty("requestPasswordReset").GetBoolean().ShouldBeTrue();
        var token = await ResetLinkFromMailAsync(user);
        const string reset = "mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }";
        (await anonymous.GraphQLAsync(reset, new { input = new { token, newPassword = "a third sturdy passphrase" } })).ShouldSucceed();
        (await anonymous.GraphQLAsync(reset, new { input = new { token, newPassword = "a fourth sturdy passphrase" } })).FirstCode.ShouldBe("BAD_USER_INPUT");

        await app.LoginAsync(user.Email, "a third sturdy passphrase");
    }

    [Theory]
    [InlineData("/reset-password", "/api/v1/auth/password-reset/confirm")]
    [InlineData("/confirm-email", "/api/v1/auth/email-change/confirm")]
    public async Task The_mailed_links_open_pages_that_post_the_token_from_the_fragment(string page, string posts)
    {
        var response = await app.CreateClient().GetAsync(page);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("connect-src 'self'");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(posts);
        html.ShouldContain("location.hash");
    }

    private async Task<string> RequestResetLinkAsync(TestUser user)
    {
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return await ResetLinkFromMailAsync(user);
    }

    private async Task<string> ResetLinkFromMailAsync(TestUser user)
    {
        var mail = await app.LatestMailAsync(user.Id, Passwords.ResetRequestedNotice);
        mail.To.Mailboxes.Single().Address.ShouldBe(user.Email);
        return mail.LinkToken();
    }

    private Task<List<Notification>> NoticesAsync(Guid userId) => app.NoticesAsync(userId);
}
