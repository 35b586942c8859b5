using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

/// <summary>
/// Proving and changing the address an account signs in with. A link mailed to an address proves its mailbox: the
/// sign-up address is confirmed that way, and a new address counts only once its link comes back (the password
/// proves the user first), after which the old address is told, so a hijacker cannot switch it in silence.
/// </summary>
public sealed class EmailChanges(RoostDb db, AccountLinks links, SignIn signIn, TimeProvider time)
{
    public const string ConfirmNotice = "email_change";
    public const string ChangedNotice = "email_changed";
    public const string VerifyNotice = "verify_email";

    /// <summary>The confirmation link for the address the account already has: at sign-up, or asked for again.</summary>
    internal static void QueueVerification(RoostDb db, User user, DateTimeOffset now) =>
        Notify.Email(db, user.Id, VerifyNotice, "Confirm your e-mail address", "Confirm that this address is yours.", now);

    public async Task<Failure?> ResendVerificationAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        if (user.EmailVerifiedAt is not null)
        {
            return Failure.Conflict("Your address is already confirmed.");
        }

        var now = time.GetUtcNow();
        if (await AccountLinks.MailedTooOftenAsync(db, user.Id, VerifyNotice, now, cancellationToken) is { } wait)
        {
            return Failure.TooManyRequests("A confirmation link went out a moment ago; open that one or wait.", wait);
        }

        QueueVerification(db, user, now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<Failure?> RequestAsync(Guid userId, ChangeEmailRequest request, CancellationToken cancellationToken)
    {
        var confirmed = await signIn.ReauthenticateAsync(userId, request.Password, cancellationToken);
        if (confirmed.Failure is { } refused)
        {
            return refused;
        }

        var user = confirmed.Value!;
        var newEmail = request.NewEmail.Trim();
        var normalized = EmailAddress.Normalize(newEmail);
        if (normalized == user.NormalizedEmail)
        {
            return Failure.Validation("newEmail", "This is already your address.");
        }

        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            return Failure.Conflict("An account with this e-mail address already exists.");
        }

        var now = time.GetUtcNow();
        if (await AccountLinks.MailedTooOftenAsync(db, user.Id, ConfirmNotice, now, cancellationToken) is { } wait)
        {
            return Failure.TooManyRequests("A confirmation link went out a moment ago; open that one or wait.", wait);
        }

        Notify.Add(db, user.Id, ConfirmNotice, "Confirm your new e-mail address",
            $"We sent a link to {newEmail}. Your address changes when you open it.", new { newEmail }, now, emailTo: newEmail);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<Failure?> ConfirmAsync(ConfirmEmailChangeRequest request, CancellationToken cancellationToken)
    {
        var link = AccountLinks.Read(request.Token);
        var user = link is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
        if (user is null || !links.IsEmailChangeFor(link!, user))
        {
            return Failure.Validation("token", "This link is not valid, or the address was already changed. Ask for a new one.");
        }

        var now = time.GetUtcNow();
        if (link!.ExpiresAt <= now)
        {
            return Failure.Validation("token", "This link has expired. Ask for a new one.");
        }

        if (EmailAddress.Normalize(link.Value) == user.NormalizedEmail)
        {
            // The link of the address the account already has: it only confirms it.
            user.VerifyEmail(now);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var oldEmail = user.Email;
        user.ChangeEmail(link.Value, now);
        Notify.Add(db, user.Id, ChangedNotice, "Your e-mail address was changed",
            $"Your Roost account now signs in as {link.Value}, no longer as {oldEmail}. If this was not you, contact Roost support at once.",
            null, now, emailTo: oldEmail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(UserConfiguration.UniqueEmailIndex))
        {
            return Failure.Conflict("Another account took this e-mail address in the meantime.");
        }

        return null;
    }
}
