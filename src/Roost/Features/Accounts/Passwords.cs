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
    PasswordResetTokens resetTokens,
    SessionRevocation revocation,
    SignIn signIn,
    TimeProvider time)
{
    public const string ResetRequestedNotice = "password_reset";
    public const string ChangedNotice = "password_changed";

    /// <summary>How often one account can be sent a reset link, whoever asks: an inbox is not a target.</summary>
    public static readonly TimeSpan ResetRequestSpacing = TimeSpan.FromMinutes(2);
    public const int MaxResetRequestsPerDay = 5;

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
        var dayAgo = now.AddDays(-1);
        var recent = await db.Set<Notification>()
            .Where(n => n.UserId == user.Id && n.Type == ResetRequestedNotice && n.CreatedAt > dayAgo)
            .Select(n => n.CreatedAt)
            .ToListAsync(cancellationToken);
        if (recent.Count >= MaxResetRequestsPerDay || recent.Any(at => at > now - ResetRequestSpacing))
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
        var claimed = PasswordResetTokens.Read(request.Token);
        var user = claimed is { } token ? await db.Users.SingleOrDefaultAsync(u => u.Id == token.UserId, cancellationToken) : null;
        if (user is null || !resetTokens.IsValidFor(request.Token, user))
        {
            return Failure.Validation("token", "This reset link is not valid, or it was already used. Ask for a new one.");
        }

        if (claimed!.Value.ExpiresAt <= now)
        {
            return Failure.Validation("token", "This reset link has expired. Ask for a new one.");
        }

        if (Weaknesses(user, request.NewPassword) is { } weak)
        {
            return weak;
        }

        user.SetPasswordHash(hasher.HashPassword(user, request.NewPassword), now);
        Notify.Add(db, user.Id, ChangedNotice, "Your password was reset",
            "Your Roost password was reset with a link sent to this address, and every device was signed out. If this was not you, reset it again at once.",
            null, now);
        // Whoever holds the mailbox has just proved it: failed guesses before the reset no longer lock the account out.
        await db.LoginThrottles.Where(t => t.NormalizedEmail == user.NormalizedEmail).ExecuteDeleteAsync(cancellationToken);
        await revocation.RevokeAllAsync(user.Id, keep: null, "password_reset", cancellationToken);
        return null;
    }

    /// <summary>A wrong current password counts as a failed login, so a stolen access token cannot guess its way on.</summary>
    public async Task<Failure?> ChangeAsync(Guid userId, Guid sessionId, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        var throttle = await db.LoginThrottles.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedEmail == user.NormalizedEmail, cancellationToken);
        if (throttle?.LockRemaining(now) is { } wait)
        {
            return Failure.TooManyRequests("Too many wrong passwords for this account.", wait);
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            await signIn.RecordFailureAsync(user.NormalizedEmail, now, cancellationToken);
            return Failure.Forbidden("The current password is not right.");
        }

        if (Weaknesses(user, request.NewPassword) is { } weak)
        {
            return weak;
        }

        user.SetPasswordHash(hasher.HashPassword(user, request.NewPassword), now);
        Notify.Add(db, user.Id, ChangedNotice, "Your password was changed",
            "Your Roost password was changed and your other devices were signed out. If this was not you, reset your password at once.",
            null, now);
        await revocation.RevokeAllAsync(user.Id, keep: sessionId, "password_changed", cancellationToken);
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
