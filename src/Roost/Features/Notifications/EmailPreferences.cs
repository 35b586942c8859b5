using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Notifications;

/// <summary>
/// The e-mails a user may turn off, by kind. Everything else a user is e-mailed about — bookings, money, their
/// account's security, moderation — always goes: those are the messages a user cannot afford to miss.
/// </summary>
public static class EmailCategories
{
    public const string Messages = "messages";
    public const string Reminders = "reminders";
    public const string Reviews = "reviews";

    public static readonly IReadOnlyList<string> All = [Messages, Reminders, Reviews];

    private static readonly Dictionary<string, string> ByNoticeType = new()
    {
        ["new_message"] = Messages,
        ["request_reminder"] = Reminders,
        ["stay_starting"] = Reminders,
        ["stay_completed"] = Reviews,
        ["review_published"] = Reviews,
        ["review_reminder"] = Reviews,
    };

    /// <summary>The category a notice's e-mail belongs to, or null when it always goes.</summary>
    public static string? Of(string noticeType) => ByNoticeType.GetValueOrDefault(noticeType);
}

/// <summary>A kind of e-mail the user turned off; the in-app notices of that kind still come.</summary>
public sealed class EmailOptOut
{
    public Guid UserId { get; set; }

    public string Category { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EmailOptOutConfiguration : IEntityTypeConfiguration<EmailOptOut>
{
    public void Configure(EntityTypeBuilder<EmailOptOut> optOut)
    {
        optOut.ToTable("email_opt_outs", t => t.HasCheckConstraint("ck_email_opt_outs_category", "category IN ('messages', 'reminders', 'reviews')"));
        optOut.HasKey(o => new { o.UserId, o.Category });
        optOut.Property(o => o.Category).HasMaxLength(20);
        optOut.HasOne<User>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Which kinds of e-mail the user gets: true means they are sent.</summary>
public sealed record EmailPreferencesResponse(bool Messages, bool Reminders, bool Reviews);

/// <summary>Only the kinds given change.</summary>
public sealed record EmailPreferencesChange(bool? Messages, bool? Reminders, bool? Reviews);

public sealed record UnsubscribeResponse(string Category, EmailPreferencesResponse Preferences);

/// <summary>
/// Turning kinds of e-mail off and on, from the settings or from the one-click unsubscribe link each such e-mail
/// carries (RFC 8058). Writes are single statements that are right whatever ran before them, so two devices
/// changing settings at once cannot fail each other.
/// </summary>
public sealed class EmailPreferences(RoostDb db, AccountLinks links, TimeProvider time)
{
    public async Task<EmailPreferencesResponse> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var off = await db.Set<EmailOptOut>().Where(o => o.UserId == userId).Select(o => o.Category).ToListAsync(cancellationToken);
        return new EmailPreferencesResponse(!off.Contains(EmailCategories.Messages), !off.Contains(EmailCategories.Reminders), !off.Contains(EmailCategories.Reviews));
    }

    public async Task<Outcome<EmailPreferencesResponse>> ChangeAsync(Guid userId, EmailPreferencesChange change, CancellationToken cancellationToken)
    {
        (string Category, bool? Send)[] asked = [(EmailCategories.Messages, change.Messages), (EmailCategories.Reminders, change.Reminders), (EmailCategories.Reviews, change.Reviews)];
        if (asked.All(a => a.Send is null))
        {
            return Failure.Validation("messages", "Say which e-mails to send or stop: messages, reminders, reviews (true or false).");
        }

        foreach (var (category, send) in asked.Where(a => a.Send is not null))
        {
            await SetAsync(userId, category, send!.Value, cancellationToken);
        }

        return await GetAsync(userId, cancellationToken);
    }

    /// <summary>The link in an e-mail's List-Unsubscribe header: no sign-in, the signed token says who and what.</summary>
    public async Task<Outcome<UnsubscribeResponse>> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is null || AccountLinks.Read(token) is not { } link || !links.IsUnsubscribe(link, time.GetUtcNow())
            || !EmailCategories.All.Contains(link.Value))
        {
            return Failure.Validation("token", "This unsubscribe link is not valid; turn e-mails off in your settings instead.");
        }

        // A link outlives the account it was made for only when the account is gone: then there is nothing to stop.
        if (!await db.Users.AnyAsync(u => u.Id == link.UserId, cancellationToken))
        {
            return Failure.NotFound("The account");
        }

        await SetAsync(link.UserId, link.Value, send: false, cancellationToken);
        return new UnsubscribeResponse(link.Value, await GetAsync(link.UserId, cancellationToken));
    }

    private Task SetAsync(Guid userId, string category, bool send, CancellationToken cancellationToken) => send
        ? db.Set<EmailOptOut>().Where(o => o.UserId == userId && o.Category == category).ExecuteDeleteAsync(cancellationToken)
        : db.Database.ExecuteSqlAsync(
            $"INSERT INTO email_opt_outs (user_id, category, created_at) VALUES ({userId}, {category}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
}
