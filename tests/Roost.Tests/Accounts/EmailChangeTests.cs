using System.Net;
using System.Net.Http.Json;
using Roost.Features.Accounts;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class EmailChangeTests(RoostApp app)
{
    [Fact]
    public async Task A_new_address_counts_only_once_its_mailbox_opens_the_link_and_the_old_one_is_told()
    {
        var user = await app.RegisterGuestAsync();
        var newEmail = TestUsers.NewEmail("moved");

        (await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me"))!.Email.ShouldBe(user.Email);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = newEmail, password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var confirmation = await app.LatestMailAsync(user.Id, EmailChanges.ConfirmNotice);
        confirmation.To.Mailboxes.Single().Address.ShouldBe(newEmail);
        var token = confirmation.LinkToken();
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/email-change/confirm", new { token })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var me = (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me"))!;
        (me.Email, me.EmailVerified).ShouldBe((newEmail, true));
        await app.LoginAsync(newEmail, user.Password);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var told = await app.LatestMailAsync(user.Id, EmailChanges.ChangedNotice);
        told.To.Mailboxes.Single().Address.ShouldBe(user.Email);
        told.TextBody!.ShouldContain(newEmail);

        var again = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/email-change/confirm", new { token }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        again.GetProperty("errors").GetProperty("token")[0].GetString()!.ShouldContain("already changed");
    }

    [Fact]
    public async Task A_new_account_confirms_its_address_by_the_link_mailed_to_it()
    {
        var user = await app.RegisterGuestAsync();
        (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me"))!.EmailVerified.ShouldBeFalse();
        // The link is for the mailbox, not for the app's list of notices.
        (await user.Client.GetFromJsonAsync<Roost.Features.Notifications.NotificationPage>("/api/v1/notifications", TestJson.Options))!.Items.ShouldBeEmpty();
        await (await user.Client.PostAsync("/api/v1/me/email/verification", null)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        var mail = await app.LatestMailAsync(user.Id, EmailChanges.VerifyNotice);
        mail.To.Mailboxes.Single().Address.ShouldBe(user.Email);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/email-change/confirm", new { token = mail.LinkToken() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var me = (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me"))!;
        (me.Email, me.EmailVerified).ShouldBe((user.Email, true));
        (await app.CreateClient().GetFromJsonAsync<PublicProfile>($"/api/v1/users/{user.Id}", TestJson.Options))!.EmailVerified.ShouldBeTrue();
        await (await user.Client.PostAsync("/api/v1/me/email/verification", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.NoticesAsync(user.Id)).ShouldNotContain(n => n.Type == EmailChanges.ChangedNotice);
    }

    [Fact]
    public async Task Asking_needs_the_password_and_an_address_nobody_has()
    {
        var user = await app.RegisterGuestAsync();
        var other = await app.RegisterGuestAsync();

        await (await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail = TestUsers.NewEmail(), password = "not the password at all" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail = user.Email.ToUpperInvariant(), password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail = other.Email.ToUpperInvariant(), password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail = "not an address", password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/me/email", new { newEmail = TestUsers.NewEmail(), password = user.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail = TestUsers.NewEmail(), password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var tooSoon = await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail = TestUsers.NewEmail(), password = user.Password });
        await tooSoon.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        tooSoon.Headers.RetryAfter.ShouldNotBeNull();

        (await app.NoticesAsync(user.Id)).Count(n => n.Type == EmailChanges.ConfirmNotice).ShouldBe(1);
        (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me"))!.Email.ShouldBe(user.Email);
    }

    [Fact]
    public async Task Only_a_genuine_link_for_this_purpose_changes_the_address_and_only_while_it_is_free()
    {
        var user = await app.RegisterGuestAsync();
        var newEmail = TestUsers.NewEmail("wanted");
        (await user.Client.PostAsJsonAsync("/api/v1/me/email", new { newEmail, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = (await app.LatestMailAsync(user.Id, EmailChanges.ConfirmNotice)).LinkToken();
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var resetToken = (await app.LatestMailAsync(user.Id, Passwords.ResetRequestedNotice)).LinkToken();
        // The address rides in the token, signed: changing a character of it breaks the signature.
        var altered = token[..40] + (token[40] == 'A' ? 'B' : 'A') + token[41..];

        foreach (var bad in new[] { altered, resetToken, "not-a-token" })
        {
            await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/email-change/confirm", new { token = bad }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        // Someone registers the address between the request and the click.
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", TestUsers.RegisterBody(newEmail))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/email-change/confirm", new { token }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await user.Client.GetFromJsonAsync<UserResponse>("/api/v1/me"))!.Email.ShouldBe(user.Email);
    }

    [Fact]
    public async Task The_address_changes_through_GraphQL_too()
    {
        var user = await app.RegisterGuestAsync();
        var newEmail = TestUsers.NewEmail("graph");
        (await user.Client.GraphQLAsync("mutation($input: ChangeEmailInput!) { changeEmail(input: $input) }", new { input = new { newEmail, password = user.Password } }))
            .ShouldSucceed();
        var token = (await app.LatestMailAsync(user.Id, EmailChanges.ConfirmNotice)).LinkToken();

        (await app.CreateClient().GraphQLAsync("mutation($input: ConfirmEmailChangeInput!) { confirmEmailChange(input: $input) }", new { input = new { token } }))
            .ShouldSucceed().Data.GetProperty("confirmEmailChange").GetBoolean().ShouldBeTrue();

        (await user.Client.GraphQLAsync("{ me { email } }")).ShouldSucceed().Data.GetProperty("me").GetProperty("email").GetString().ShouldBe(newEmail);
    }
}
