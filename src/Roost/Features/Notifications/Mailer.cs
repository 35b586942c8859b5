using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Notifications;

namespace Roost.Features.Notifications;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Roost <no-reply@roost.test>";

    /// <summary>Without an SMTP host, each e-mail is written here as an .eml file (the default for run and tests).</summary>
    public string PickupDirectory { get; set; } = ".roost/mail";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>
    /// The one-click unsubscribe address (RFC 8058) in e-mails a user may turn off; <c>{token}</c> is replaced. Mail
    /// apps POST to it, so it must reach this API's <c>/api/v1/email-preferences/unsubscribe</c>.
    /// </summary>
    public string UnsubscribeLink { get; set; } = "http://127.0.0.1:5080/api/v1/email-preferences/unsubscribe?token={token}";

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }
}

/// <summary>
/// The e-mail job: sends what is pending, each under its row lock (SKIP LOCKED, so two workers share the work),
/// marked sent in the same transaction. A pickup file is named by the notification id, so a rerun after a crash
/// rewrites the same file instead of making a second one. A kind of e-mail the user turned off is not sent (asked at
/// sending time, so turning it off also stops what is already queued); one they may turn off carries a one-click
/// unsubscribe link. One SMTP connection carries a whole run, as mail providers expect (a handshake, TLS and login per
/// message is slow and trips their connection limits); a broken one is dropped and the next message opens another.
/// </summary>
public sealed class Mailer(RoostDb db, IOptions<EmailOptions> options, AccountLinks links, TimeProvider time, ILogger<Mailer> logger)
{
    private SmtpClient? _smtp;

    public async Task<int> SendPendingAsync()
    {
        try
        {
            return await SendBatchesAsync();
        }
        finally
        {
            await CloseSmtpAsync();
        }
    }

    private async Task<int> SendBatchesAsync()
    {
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

            var ids = batch.Select(n => n.UserId).Distinct().ToList();
            var recipients = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
            var turnedOff = (await db.Set<EmailOptOut>().AsNoTracking().Where(o => ids.Contains(o.UserId)).ToListAsync())
                .Select(o => (o.UserId, o.Category)).ToHashSet();
            if (!await MailServerReadyAsync())
            {
                // Not these e-mails' fault: none is charged an attempt (the rollback releases them), the next run tries
                // again, and the e-mail backlog's age shows how long the server has been away.
                return sent;
            }

            foreach (var notification in batch)
            {
                if (EmailCategories.Of(notification.Type) is { } category && turnedOff.Contains((notification.UserId, category)))
                {
                    notification.EmailSkipped();
                    continue;
                }

                try
                {
                    await DeliverAsync(Compose(notification, recipients[notification.UserId]), notification.Id);
                    notification.Emailed(time.GetUtcNow());
                    sent++;
                }
                // Recorded per e-mail, never thrown: a throw would roll back the batch, and the e-mails already handed to
                // the server would go again on the next run.
                catch (Exception ex) when (IsDeliveryFailure(ex) || ex is KeyNotFoundException)
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

    private async Task DeliverAsync(MimeMessage message, Guid notificationId)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            await message.WriteToAsync(Path.Combine(settings.PickupDirectory, $"{notificationId:N}.eml"));
            return;
        }

        var smtp = await SmtpAsync(settings.SmtpHost, settings);
        try
        {
            await smtp.SendAsync(message);
        }
        catch (Exception ex) when (ex is not SmtpCommandException)
        {
            // The server refusing one message leaves the session usable; anything else may not have.
            await CloseSmtpAsync();
            throw;
        }
    }

    private async Task<bool> MailServerReadyAsync()
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            return true;
        }

        try
        {
            await SmtpAsync(settings.SmtpHost, settings);
            return true;
        }
        catch (Exception ex) when (IsDeliveryFailure(ex))
        {
            logger.LogError("The mail server {Host}:{Port} cannot be reached ({Error}); e-mails wait for the next run", settings.SmtpHost, settings.SmtpPort, ex.Message);
            return false;
        }
    }

    private static bool IsDeliveryFailure(Exception ex) =>
        ex is IOException or System.Net.Sockets.SocketException or TimeoutException or MailKit.ProtocolException or MailKit.CommandException
            or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or MailKit.ServiceNotConnectedException;

    private async Task<SmtpClient> SmtpAsync(string host, EmailOptions settings)
    {
        if (_smtp is { IsConnected: true })
        {
            return _smtp;
        }

        await CloseSmtpAsync();
        // MailKit waits two minutes by default; a server that slow is down for our purposes.
        var smtp = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(host, settings.SmtpPort, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "");
            }
        }
        catch
        {
            smtp.Dispose();
            throw;
        }

        return _smtp = smtp;
    }

    private async Task CloseSmtpAsync()
    {
        if (_smtp is not { } smtp)
        {
            return;
        }

        _smtp = null;
        try
        {
            if (smtp.IsConnected)
            {
                await smtp.DisconnectAsync(quit: true);
            }
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or System.Net.Sockets.SocketException)
        {
            // The messages are sent and recorded; a goodbye the server did not hear changes nothing.
        }
        finally
        {
            smtp.Dispose();
        }
    }
}
