using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Notifications;

namespace Roost.Features.Notifications;

/// <summary>
/// The e-mail job: sends what is pending, each under its row lock (SKIP LOCKED, so two workers share the work),
/// marked sent in the same transaction. A pickup file is named by the notification id, so a rerun after a crash
/// rewrites the same file instead of making a second one. A kind of e-mail the user turned off is not sent (asked at
/// sending time, so turning it off also stops what is already queued); one they may turn off carries a one-click
/// unsubscribe link. One <see cref="SmtpSession"/> carries a whole run.
/// </summary>
public sealed class Mailer(RoostDb db, IOptions<EmailOptions> options, AccountLinks links, TimeProvider time, ILogger<Mailer> logger)
{
    public async Task<int> SendPendingAsync()
    {
        await using var smtp = new SmtpSession(options.Value);
        var sent = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var batch = await db.Set<Notification>()
                .FromSql($"SELECT * FROM notifications WHERE email_state = 'Pending' AND (email_next_attempt_at IS NULL OR email_next_attempt_at <= {time.GetUtcNow()}) ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED")
                .ToListAsync();
            if (batch.Count == 0)
            {
                return sent;
            }

            var ids = batch.Where(n => n.UserId is not null).Select(n => n.UserId!.Value).Distinct().ToList();
            var recipients = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
            var turnedOff = (await db.Set<EmailOptOut>().AsNoTracking().Where(o => ids.Contains(o.UserId)).ToListAsync())
                .Select(o => (o.UserId, o.Category)).ToHashSet();
            if (!await MailServerReadyAsync(smtp))
            {
                // Not these e-mails' fault: none is charged an attempt (the rollback releases them), the next run tries
                // again, and the e-mail backlog's age shows how long the server has been away.
                return sent;
            }

            foreach (var notification in batch)
            {
                if (notification.UserId is { } userId && EmailCategories.Of(notification.Type) is { } category && turnedOff.Contains((userId, category)))
                {
                    notification.EmailSkipped();
                    continue;
                }

                try
                {
                    var message = notification.UserId is { } recipient ? Compose(notification, recipients[recipient]) : ComposeToStranger(notification);
                    await DeliverAsync(smtp, message, notification.Id);
                    notification.Emailed(time.GetUtcNow());
                    sent++;
                }
                // Recorded per e-mail, never thrown: a throw would roll back the batch, and the e-mails already handed to
                // the server would go again on the next run.
                catch (Exception ex) when (SmtpSession.IsDeliveryFailure(ex) || ex is KeyNotFoundException)
                {
                    logger.LogWarning("E-mail for notification {NotificationId} failed: {Error}", notification.Id, ex.Message);
                    notification.EmailFailed(ex.Message, time.GetUtcNow());
                }
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            db.ChangeTracker.Clear();
        }
    }

    private MimeMessage Compose(Notification notification, User user)
    {
        var now = time.GetUtcNow();
        var text = $"Hello {user.FirstName},\n\n{links.EmailText(notification, user, now) ?? notification.Body}\n\n— Roost";
        var category = EmailCategories.Of(notification.Type);
        if (category is not null)
        {
            text += $"\n\nYou can turn off e-mails about {category} in your Roost settings, or with your mail app's unsubscribe button.";
        }

        var message = new MimeMessage
        {
            Subject = notification.Title,
            Body = new TextPart("plain") { Text = text },
            MessageId = $"{notification.Id:N}@roost",
        };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(user.FirstName, notification.EmailTo ?? user.Email));
        if (category is not null)
        {
            var link = options.Value.UnsubscribeLink.Replace("{token}", links.Unsubscribe(user.Id, category, now), StringComparison.Ordinal);
            message.Headers.Add("List-Unsubscribe", $"<{link}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }

    /// <summary>To an address with no account behind it: no name to greet and no settings to point at.</summary>
    private MimeMessage ComposeToStranger(Notification notification)
    {
        var message = new MimeMessage
        {
            Subject = notification.Title,
            Body = new TextPart("plain") { Text = $"Hello,\n\n{notification.Body}\n\nIf this means nothing to you, ignore this e-mail: no account was made for you.\n\n— Roost" },
            MessageId = $"{notification.Id:N}@roost",
        };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(notification.EmailTo!));
        return message;
    }

    private async Task DeliverAsync(SmtpSession smtp, MimeMessage message, Guid notificationId)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            await message.WriteToAsync(Path.Combine(settings.PickupDirectory, $"{notificationId:N}.eml"));
            return;
        }

        await smtp.SendAsync(message);
    }

    private async Task<bool> MailServerReadyAsync(SmtpSession smtp)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            return true;
        }

        try
        {
            await smtp.ConnectAsync();
            return true;
        }
        catch (Exception ex) when (SmtpSession.IsDeliveryFailure(ex))
        {
            logger.LogError("The mail server {Host}:{Port} cannot be reached ({Error}); e-mails wait for the next run", settings.SmtpHost, settings.SmtpPort, ex.Message);
            return false;
        }
    }
}
