using Microsoft.EntityFrameworkCore;
using Roost.Platform.Audit;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Accounts;

/// <summary>An admin suspending an account (it cannot sign in, its sessions end at once) and reinstating it.</summary>
public sealed class AccountModeration(RoostDb db, SessionRevocation revocation, TimeProvider time)
{
    /// <summary>Saves whatever else the caller changed with it (the admin feature: the host's listings).</summary>
    public async Task<Failure?> SuspendAsync(Guid userId, Guid adminId, string reason, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        if (user.Id == adminId || user.Roles.Contains(Roles.Admin))
        {
            return Failure.Unprocessable("An admin account is not suspended here; an operator removes the admin first.");
        }

        var now = time.GetUtcNow();
        if (!user.Suspend(reason, now))
        {
            return Failure.Conflict("This account is already suspended.");
        }

        Notify.Add(db, user.Id, "account_suspended", "Your Roost account was suspended",
            $"You can no longer sign in, and your listings are hidden from guests: {reason.TrimEnd('.')}. Stays already booked are not cancelled by this. To appeal, contact Roost support.",
            null, now);
        Audit.Add(db, adminId, "suspend_user", user.Id, reason, now);
        await revocation.RevokeAllAsync(user.Id, keep: null, "suspended", cancellationToken);
        return null;
    }

    /// <summary>
    /// Support turning two-step sign-in off for someone who lost both their phone and their recovery codes, once they
    /// proved who they are; the owner is told at once, so a reset they did not ask for does not go unnoticed.
    /// </summary>
    public async Task<Failure?> ResetTwoFactorAsync(Guid userId, Guid adminId, string reason, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        if (user.TwoFactorEnabledAt is null)
        {
            return Failure.Conflict("Two-step sign-in is not on for this account.");
        }

        var now = time.GetUtcNow();
        user.DisableTwoFactor(now);
        Notify.Add(db, user.Id, "two_factor_reset", "Roost support turned two-step sign-in off",
            $"Signing in takes only your password until you turn it on again: {reason.TrimEnd('.')}. If you did not ask for this, change your password and contact Roost support.",
            null, now);
        Audit.Add(db, adminId, "reset_two_factor", user.Id, reason, now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<Failure?> ReinstateAsync(Guid userId, Guid adminId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound("The user");
        }

        var now = time.GetUtcNow();
        if (!user.Reinstate(now))
        {
            return Failure.Conflict("This account is not suspended.");
        }

        Notify.Add(db, user.Id, "account_reinstated", "Your Roost account is back",
            "You can sign in again; listings hidden with your account are back as they were.", null, now);
        Audit.Add(db, adminId, "reinstate_user", user.Id, null, now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
