using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Platform.Data;

namespace Roost.Platform.Notifications;

public enum EmailState
{
    Pending,
    Sent,
    Failed,

    /// <summary>Not sent: the user turned this kind of e-mail off.</summary>
    Skipped,
}

/// <summary>
/// Something a user should know about. Features add one in the same unit of work as the change it reports, so a
/// notification exists exactly when its change committed; the notifications feature shows them and e-mails them.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Null only for an e-mail to an address that has no account yet (an invitation to one).</summary>
    public Guid? UserId { get; private set; }

    /// <summary>booking_requested, booking_confirmed, booking_declined, booking_expired, booking_cancelled,
    /// payment_received, balance_due_soon, balance_payment_failed, refund_issued, payout_sent, new_message, stay_completed,
    /// review_published, review_reminder, password_reset, password_changed, email_change (to the new address),
    /// email_changed (to the old one), verify_email (e-mail only), and the others each feature adds.</summary>
    public string Type { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>Ids the client can follow (bookingId, conversationId ...), as JSON.</summary>
    public string Data { get; private set; } = "{}";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Where the e-mail goes when not to the user's own address: a new address being confirmed, the old one told of a change.</summary>
    public string? EmailTo { get; private set; }

    /// <summary>Only e-mailed, never listed in the app: an address's confirmation link means nothing to a signed-in reader.</summary>
    public bool EmailOnly { get; private set; }

    public EmailState EmailState { get; private set; }

    public int EmailAttempts { get; private set; }

    public DateTimeOffset? EmailedAt { get; private set; }

    public string? EmailError { get; private set; }

    /// <summary>A failed e-mail waits this long before its next try; null: it may go now.</summary>
    public DateTimeOffset? EmailNextAttemptAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    public void Emailed(DateTimeOffset now)
    {
        EmailState = EmailState.Sent;
        EmailedAt = now;
        EmailError = null;
        EmailNextAttemptAt = null;
    }

    public void EmailSkipped() => EmailState = EmailState.Skipped;

    /// <summary>
    /// A failed e-mail is tried again after 1, 5, 15 and 60 minutes, so a mail server that is down for a while does not
    /// use up every attempt at once; after the fifth it is given up. The in-app notification stays either way.
    /// </summary>
    public void EmailFailed(string error, DateTimeOffset now)
    {
        EmailAttempts++;
        EmailError = error.Length > 500 ? error[..500] : error;
        if (EmailAttempts >= RetryDelays.Length + 1)
        {
            EmailState = EmailState.Failed;
            EmailNextAttemptAt = null;
            return;
        }

        EmailNextAttemptAt = now + RetryDelays[EmailAttempts - 1];
    }

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    internal static Notification Create(Guid? userId, string type, string title, string body, object? data, DateTimeOffset now, string? emailTo, bool emailOnly) => new()
    {
        EmailTo = emailTo,
        EmailOnly = emailOnly,
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Type = type,
        Title = title,
        Body = body,
        Data = JsonSerializer.Serialize(data ?? new { }, JsonSerializerOptions.Web),
        CreatedAt = now,
        EmailState = EmailState.Pending,
    };
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Id).ValueGeneratedNever();
        notification.Property(n => n.Type).HasMaxLength(40);
        notification.Property(n => n.Title).HasMaxLength(200);
        notification.Property(n => n.Body).HasMaxLength(2000);
        notification.Property(n => n.Data).HasColumnType("jsonb");
        notification.Property(n => n.EmailState).HasConversion<string>().HasMaxLength(10);
        notification.Property(n => n.EmailError).HasMaxLength(500);
        notification.Property(n => n.EmailTo).HasMaxLength(254);
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
        notification.HasIndex(n => n.CreatedAt).HasFilter("email_state = 'Pending'").HasDatabaseName("ix_notifications_email_pending");
        notification.HasIndex(n => new { n.EmailTo, n.CreatedAt }).HasFilter("user_id IS NULL").HasDatabaseName("ix_notifications_to_strangers");
        notification.ToTable(t => t.HasCheckConstraint("ck_notifications_stranger_is_email_only", "user_id IS NOT NULL OR (email_only AND email_to IS NOT NULL)"));
    }
}

public static class Notify
{
    /// <summary>Adds the notification to the caller's unit of work; it is saved (or rolled back) with the change it reports.</summary>
    public static void Add(RoostDb db, Guid userId, string type, string title, string body, object? data, DateTimeOffset now, string? emailTo = null) =>
        db.Set<Notification>().Add(Notification.Create(userId, type, title, body, data, now, emailTo, emailOnly: false));

    /// <summary>An e-mail with no place in the app's list (see <see cref="Notification.EmailOnly"/>).</summary>
    public static void Email(RoostDb db, Guid userId, string type, string title, string body, DateTimeOffset now) =>
        db.Set<Notification>().Add(Notification.Create(userId, type, title, body, null, now, emailTo: null, emailOnly: true));

    /// <summary>
    /// An e-mail to an address no account holds, such as an invitation to join. At most <see cref="StrangerMailsPerDay"/>
    /// go to one address a day, whoever sends them, so inviting cannot be turned into a way of flooding a stranger's
    /// inbox; false when this one is held back.
    /// </summary>
    public static async Task<bool> EmailStrangerAsync(RoostDb db, string address, string type, string title, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayAgo = now.AddDays(-1);
        var sentToday = await db.Set<Notification>().CountAsync(n => n.UserId == null && n.EmailTo == address && n.CreatedAt > dayAgo, cancellationToken);
        if (sentToday >= StrangerMailsPerDay)
        {
            return false;
        }

        db.Set<Notification>().Add(Notification.Create(null, type, title, body, null, now, emailTo: address, emailOnly: true));
        return true;
    }

    public const int StrangerMailsPerDay = 3;
}
