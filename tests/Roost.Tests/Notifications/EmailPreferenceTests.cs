using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Roost.Features.Notifications;
using Roost.Platform.Notifications;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Notifications;

[Collection(ApiCollection.Name)]
public sealed class EmailPreferenceTests(RoostApp app)
{
    private const string Preferences = "/api/v1/me/email-preferences";

    [Fact]
    public async Task A_user_who_turns_message_emails_off_still_sees_the_notice_in_the_app_and_still_gets_booking_emails()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        (await host.Client.GetFromJsonAsync<EmailPreferencesResponse>(Preferences)).ShouldBe(new EmailPreferencesResponse(true, true, true));

        (await (await host.Client.PatchAsJsonAsync(Preferences, new { messages = false })).ReadAsync<EmailPreferencesResponse>())
            .ShouldBe(new EmailPreferencesResponse(Messages: false, Reminders: true, Reviews: true));
        await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Is there a cot?" });
        await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        await SendPendingAsync();

        var notices = await app.NoticesAsync(host.Id);
        var message = notices.Single(n => n.Type == "new_message");
        message.EmailState.ShouldBe(EmailState.Skipped);
        File.Exists(MailFile(message)).ShouldBeFalse();
        var booked = notices.Single(n => n.Type == "booking_confirmed");
        booked.EmailState.ShouldBe(EmailState.Sent);
        (await MimeMessage.LoadAsync(MailFile(booked))).Headers.Contains("List-Unsubscribe").ShouldBeFalse();

        (await host.Client.PatchAsJsonAsync(Preferences, new { messages = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "And a high chair?" });
        await SendPendingAsync();
        File.Exists(MailFile((await app.NoticesAsync(host.Id)).Last(n => n.Type == "new_message"))).ShouldBeTrue();

        await (await host.Client.PatchAsJsonAsync(Preferences, new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PatchAsJsonAsync(Preferences, new { messages = "no" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().GetAsync(Preferences)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_one_click_unsubscribe_link_in_a_message_email_turns_only_that_kind_off_for_only_that_user()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Hello" });

        var mail = await app.LatestMailAsync(host.Id, "new_message");
        mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        var link = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        link.ShouldStartWith("http://127.0.0.1:5080/api/v1/email-preferences/unsubscribe?token=");

        // What a mail app sends (RFC 8058): a form POST, no sign-in.
        var clicked = await app.CreateClient().PostAsync($"/api/v1/email-preferences/unsubscribe?token={token}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var answer = await clicked.ReadAsync<UnsubscribeResponse>();
        answer.Category.ShouldBe("messages");
        answer.Preferences.ShouldBe(new EmailPreferencesResponse(Messages: false, Reminders: true, Reviews: true));
        (await host.Client.GetFromJsonAsync<EmailPreferencesResponse>(Preferences))!.Messages.ShouldBeFalse();
        (await guest.Client.GetFromJsonAsync<EmailPreferencesResponse>(Preferences))!.Messages.ShouldBeTrue();
        // A second click is as good as the first.
        (await app.CreateClient().PostAsync($"/api/v1/email-preferences/unsubscribe?token={token}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await (await app.CreateClient().PostAsync($"/api/v1/email-preferences/unsubscribe?token={forged}", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().PostAsync("/api/v1/email-preferences/unsubscribe?token=not-a-token", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().PostAsync("/api/v1/email-preferences/unsubscribe", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Email_preferences_work_through_GraphQL_too()
    {
        var user = await app.RegisterGuestAsync();
        (await user.Client.GraphQLAsync("mutation { changeEmailPreferences(input: { reviews: false, reminders: false }) { messages reminders reviews } }"))
            .ShouldSucceed().Data.GetProperty("changeEmailPreferences").GetProperty("reviews").GetBoolean().ShouldBeFalse();
        var read = (await user.Client.GraphQLAsync("{ emailPreferences { messages reminders reviews } }")).ShouldSucceed().Data.GetProperty("emailPreferences");
        (read.GetProperty("messages").GetBoolean(), read.GetProperty("reminders").GetBoolean(), read.GetProperty("reviews").GetBoolean()).ShouldBe((true, false, false));
        (await user.Client.GraphQLAsync("mutation { changeEmailPreferences(input: {}) { messages } }")).FirstCode.ShouldBe("BAD_USER_INPUT");
        (await app.CreateClient().GraphQLAsync("{ emailPreferences { messages } }")).FirstCode.ShouldBe("UNAUTHENTICATED");
        (await app.CreateClient().GraphQLAsync("mutation { unsubscribeEmails(token: \"nope\") { category } }")).FirstCode.ShouldBe("BAD_USER_INPUT");
    }

    private string MailFile(Notification notice) => Path.Combine(app.MailRoot, $"{notice.Id:N}.eml");

    private Task SendPendingAsync() => app.WithScopeAsync(services => services.GetRequiredService<Mailer>().SendPendingAsync());
}
