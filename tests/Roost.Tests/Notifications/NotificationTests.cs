using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roost.Features.Messaging;
using Roost.Features.Notifications;
using Roost.Platform.Http;
using Roost.Platform.Notifications;
using Roost.Tests.Infrastructure;

namespace Roost.Tests.Notifications;

[Collection(ApiCollection.Name)]
public sealed class NotificationTests(RoostApp app)
{
    private static async Task<NotificationPage> InboxAsync(TestUser user) =>
        (await user.Client.GetFromJsonAsync<NotificationPage>("/api/v1/notifications"))!;

    [Fact]
    public async Task Each_side_hears_about_the_booking_events_that_concern_them()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();

        var booking = await guest.BookAsync(listing.Id, TestBookings.Soon(), 2);
        var request = (await InboxAsync(host)).Items.Single();
        request.Type.ShouldBe("booking_requested");
        request.Data.GetProperty("bookingId").GetGuid().ShouldBe(booking.Id);

        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await InboxAsync(guest)).Items.Select(n => n.Type).ShouldBe(["payment_received", "booking_confirmed"], ignoreOrder: true);

        (await host.Client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guestInbox = await InboxAsync(guest);
        guestInbox.Items.Select(n => n.Type).ShouldContain("booking_cancelled");
        guestInbox.Items.Select(n => n.Type).ShouldContain("refund_issued");
        guestInbox.UnreadCount.ShouldBe(4);
    }

    [Fact]
    public async Task Declined_and_expired_requests_notify_and_every_notice_becomes_an_email_file()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        (await host.Client.PatchAsJsonAsync($"/api/v1/listings/{listing.Id}", new { instantBook = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var guest = await app.RegisterGuestAsync();
        var declined = await guest.BookAsync(listing.Id, TestBookings.Soon(30), 2);
        var expiring = await guest.BookAsync(listing.Id, TestBookings.Soon(40), 2);

        (await host.Client.PostAsync($"/api/v1/bookings/{declined.Id}/decline", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE bookings SET expires_at = now() - interval '1 minute' WHERE id = {expiring.Id}"));
        await app.WithScopeAsync(s => s.GetRequiredService<Roost.Features.Bookings.BookingJobs>().ExpireDueAsync());

        (await InboxAsync(guest)).Items.Select(n => n.Type).ShouldBe(["booking_expired", "booking_declined"]);
        (await InboxAsync(host)).Items.Select(n => n.Type).ShouldBe(["booking_expired", "booking_requested", "booking_requested"]);

        await app.WithScopeAsync(s => s.GetRequiredService<Mailer>().SendPendingAsync());
        foreach (var notice in (await InboxAsync(guest)).Items.Concat((await InboxAsync(host)).Items))
        {
            File.Exists(Path.Combine(app.MailRoot, $"{notice.Id:N}.eml")).ShouldBeTrue(notice.Type);
        }
    }

    [Fact]
    public async Task A_send_killed_before_it_recorded_itself_is_retried_into_the_same_single_email()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Retry me" });
        var id = (await InboxAsync(host)).Items.Single().Id;
        // What a worker leaves when it dies after writing the file but before committing "sent": the file, still pending.
        Directory.CreateDirectory(app.MailRoot);
        await File.WriteAllTextAsync(Path.Combine(app.MailRoot, $"{id:N}.eml"), "partial");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE notifications SET email_state = 'Pending', emailed_at = NULL WHERE id = {id}"));

        await app.WithScopeAsync(s => s.GetRequiredService<Mailer>().SendPendingAsync());

        Directory.GetFiles(app.MailRoot, $"{id:N}*").Length.ShouldBe(1);
        (await File.ReadAllTextAsync(Path.Combine(app.MailRoot, $"{id:N}.eml"))).ShouldContain("Retry me");
        (await app.WithDbAsync(db => db.Set<Notification>().SingleAsync(n => n.Id == id))).EmailState.ShouldBe(EmailState.Sent);
    }

    [Fact]
    public async Task A_change_that_rolls_back_leaves_no_notification()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();

        await (await guest.Client.PostBookingAsync(TestBookings.Body(listing.Id, TestBookings.Soon(), 2, paymentMethod: "pm_card_chargeDeclined")))
            .ShouldBeProblemAsync(HttpStatusCode.PaymentRequired);

        (await InboxAsync(host)).Items.ShouldBeEmpty();
        (await InboxAsync(guest)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Messages_notify_the_other_participant_and_reading_clears_the_count()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Is parking free?" });

        var inbox = await InboxAsync(host);
        var notice = inbox.Items.Single();
        notice.Type.ShouldBe("new_message");
        notice.Body.ShouldBe("Is parking free?");
        inbox.UnreadCount.ShouldBe(1);
        (await InboxAsync(guest)).Items.ShouldBeEmpty();

        await (await guest.Client.PostAsync($"/api/v1/notifications/{notice.Id}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await host.Client.PostAsync($"/api/v1/notifications/{notice.Id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await InboxAsync(host)).UnreadCount.ShouldBe(0);
    }

    [Fact]
    public async Task Marking_all_read_clears_the_count_for_the_caller_only()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guests = new[] { await app.RegisterGuestAsync(), await app.RegisterGuestAsync(), await app.RegisterGuestAsync() };
        foreach (var guest in guests)
        {
            await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Is parking free?" });
        }

        var conversation = (await guests[0].Client.GetFromJsonAsync<Page<ConversationResponse>>("/api/v1/conversations"))!.Items.Single();
        await host.Client.PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages", new { text = "Yes, in the yard." });

        (await InboxAsync(host)).UnreadCount.ShouldBe(3);
        (await (await host.Client.PostAsync("/api/v1/notifications/read-all", null)).ReadAsync<MarkedRead>()).Marked.ShouldBe(3);
        (await InboxAsync(host)).UnreadCount.ShouldBe(0);
        (await InboxAsync(guests[0])).UnreadCount.ShouldBe(1);
        var graph = (await guests[0].Client.GraphQLAsync("mutation { markAllNotificationsRead }")).ShouldSucceed();
        graph.Data.GetProperty("markAllNotificationsRead").GetInt32().ShouldBe(1);
        (await InboxAsync(guests[0])).UnreadCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_email_job_writes_each_notification_once_to_the_pickup_folder()
    {
        var host = await app.RegisterHostAsync();
        var listing = await host.CreatePublishedAsync();
        var guest = await app.RegisterGuestAsync();
        await guest.Client.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, text = "Hello there" });
        var id = (await InboxAsync(host)).Items.Single().Id;

        await app.WithScopeAsync(s => s.GetRequiredService<Mailer>().SendPendingAsync());
        await app.WithScopeAsync(s => s.GetRequiredService<Mailer>().SendPendingAsync());

        var file = Path.Combine(app.MailRoot, $"{id:N}.eml");
        File.Exists(file).ShouldBeTrue();
        var eml = await File.ReadAllTextAsync(file);
        eml.ShouldContain(host.Email);
        eml.ShouldContain("Subject: New message");
        eml.ShouldContain("Hello there");
        Directory.GetFiles(app.MailRoot, $"{id:N}*").Length.ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<Notification>().SingleAsync(n => n.Id == id))).EmailState.ShouldBe(EmailState.Sent);
    }

    [Fact]
    public async Task Over_smtp_one_session_carries_the_whole_run_and_a_refused_mailbox_does_not_end_it()
    {
        await using var smtp = new FakeSmtpServer();
        var host = await app.RegisterGuestAsync();
        var unreachable = await app.RegisterGuestAsync();
        var tag = Guid.NewGuid().ToString("N");
        var ids = await QueueOutOfTheWorkersReachAsync([(host.Id, $"First {tag}"), (host.Id, $"Second {tag}"), (unreachable.Id, $"Lost {tag}"), (host.Id, $"Third {tag}")]);
        smtp.Refused.Add(unreachable.Email);

        await SendOverSmtpAsync(smtp.Port, Later);

        smtp.Sessions.ShouldBe(1);
        smtp.Messages.Where(m => m.Contains(tag)).Select(m => m.Contains($"First {tag}") ? 1 : m.Contains($"Second {tag}") ? 2 : 3).ShouldBe([1, 2, 3], ignoreOrder: true);
        var notices = await app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Body));
        notices[$"Third {tag}"].EmailState.ShouldBe(EmailState.Sent);
        var refused = notices[$"Lost {tag}"];
        (refused.EmailState, refused.EmailAttempts).ShouldBe((EmailState.Pending, 1));
        refused.EmailError.ShouldNotBeNull().ShouldContain("No such mailbox");
        refused.EmailNextAttemptAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow + Later + TimeSpan.FromSeconds(30));

        // Not again in the next run: it waits its minute, so a server that is down for a while does not use up every try.
        await SendOverSmtpAsync(smtp.Port, Later);
        (await app.WithDbAsync(db => db.Set<Notification>().SingleAsync(n => n.Id == refused.Id))).EmailAttempts.ShouldBe(1);

        smtp.Refused.Clear();
        await SendOverSmtpAsync(smtp.Port, Later + TimeSpan.FromMinutes(2));
        (await app.WithDbAsync(db => db.Set<Notification>().SingleAsync(n => n.Id == refused.Id))).EmailState.ShouldBe(EmailState.Sent);
        smtp.Messages.ShouldContain(m => m.Contains($"Lost {tag}"));
    }

    [Fact]
    public async Task When_the_mail_server_cannot_be_reached_no_email_is_charged_an_attempt()
    {
        int closedPort;
        await using (var gone = new FakeSmtpServer())
        {
            closedPort = gone.Port;
        }

        var user = await app.RegisterGuestAsync();
        var id = (await QueueOutOfTheWorkersReachAsync([(user.Id, "Nobody hears this")])).Single();

        (await SendOverSmtpAsync(closedPort, Later)).ShouldBe(0);

        var notice = await app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == id));
        (notice.EmailState, notice.EmailAttempts, notice.EmailError).ShouldBe((EmailState.Pending, 0, null));
    }

    // The app's own mailer runs every minute on the pickup folder. These notices are due only an hour from now, so it
    // cannot take them first; the mailer under test runs with a clock two hours ahead.
    private static readonly TimeSpan Later = TimeSpan.FromHours(2);

    private Task<List<Guid>> QueueOutOfTheWorkersReachAsync(IReadOnlyList<(Guid UserId, string Text)> notices) =>
        app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var (userId, text) in notices)
            {
                Notify.Add(db, userId, "new_message", "New message", text, null, DateTimeOffset.UtcNow);
            }

            await db.SaveChangesAsync();
            var ids = db.ChangeTracker.Entries<Notification>().Select(e => e.Entity.Id).ToList();
            await db.Set<Notification>().Where(n => ids.Contains(n.Id))
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailNextAttemptAt, DateTimeOffset.UtcNow.AddHours(1)));
            await transaction.CommitAsync();
            return ids;
        });

    private Task<int> SendOverSmtpAsync(int port, TimeSpan ahead) => app.WithScopeAsync(services => ActivatorUtilities.CreateInstance<Mailer>(services,
        Microsoft.Extensions.Options.Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = port }), (TimeProvider)new ShiftedClock(ahead)).SendPendingAsync());

    private sealed class ShiftedClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
