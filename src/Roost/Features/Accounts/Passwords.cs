using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

/// <summary>
/// Changing a password (knowing the current one) and resetting a forgotten one (by a link e-mailed to the
/// account's address). Either way every other device is signed out, and the owner hears of it.
/// </summary>
public sealed class Passwords(
    RoostDb db,
    IPasswordHasher<User> hasher,
    AccountLinks links,
    SessionRevocation revocation,
    SignIn signIn,
    TimeProvider time)
{
    public const string ResetRequestedNotice = "password_reset";
    public const string ChangedNotice = "password_changed";

    /// <summary>
    /// Queues the reset e-mail, whose link the mailer signs when it sends it. The caller learns nothing: an unknown
    /// address, a throttled one and a known one all answer alike.
    /// </summary>
    public async Task RequestResetAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(request.Email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
        if (user is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (await AccountLinks.MailedTooOftenAsync(db, user.Id, ResetRequestedNotice, now, cancellationToken) is not null)
        {
            return;
        }

        Notify.Add(db, user.Id, ResetRequestedNotice, "Password reset requested",
            "We e-mailed you a link to choose a new password. If you did not ask for it, ignore it: your password has not changed.",
            null, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Failure?> ResetAsync(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = AccountLinks.Read(request.Token);
        var user = link is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
        if (user is null || !links.IsPasswordResetFor(link!, user))
        {
            return Failure.Validation("token", "This reset link is not valid, or it was already used. Ask for a new one.");
        }

        if (link!.ExpiresAt <= now)
        {
            return Failure.Validation("token", "This reset link has expired. Ask for a new one.");
        }

        return await SetAsync(user, request.NewPassword, keepSession: null, "password_reset",
            "Your password was reset",
            "Your Roost password was reset with a link sent to this address, and every device was signed out. If this was not you, reset it again at once.",
            cancellationToken);
    }

    public async Task<Failure?> ChangeAsync(Guid userId, Guid sessionId, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var confirmed = await signIn.ReauthenticateAsync(userId, request.CurrentPassword, cancellationToken);
        return confirmed.Failure ?? await SetAsync(confirmed.Value!, request.NewPassword, keepSession: sessionId, "password_changed",
            "Your password was changed",
            "Your Roost password was changed and your other devices were signed out. If this was not you, reset your password at once.",
            cancellationToken);
    }

    /// <summary>The new password, the notice, and the end of the sessions that knew the old one, in one commit.</summary>
    private async Task<Failure?> SetAsync(User user, string newPassword, Guid? keepSession, string reason, string title, string body, CancellationToken cancellationToken)
    {
        if (Weaknesses(user, newPassword) is { } weak)
        {
            return weak;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.SetPasswordHash(hasher.HashPassword(user, newPassword), now);
        Notify.Add(db, user.Id, ChangedNotice, title, body, null, now);
        if (keepSession is null)
        {
            // A reset: whoever holds the mailbox has just proved it, so earlier failed guesses no longer lock it out.
            await db.LoginThrottles.Where(t => t.NormalizedEmail == user.NormalizedEmail).ExecuteDeleteAsync(cancellationToken);
        }

        await revocation.RevokeAllAsync(user.Id, keepSession, reason, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private Failure? Weaknesses(User user, string newPassword)
    {
        var weaknesses = PasswordPolicy.Check(newPassword, user.Email).ToList();
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, newPassword) != PasswordVerificationResult.Failed)
        {
            weaknesses.Add("The new password must differ from the current one.");
        }

        return weaknesses.Count > 0 ? Failure.Validation(new Dictionary<string, string[]> { ["newPassword"] = [.. weaknesses] }) : null;
    }
}
