using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Accounts;

/// <summary>Keeps the session tables small: ended sessions are kept a while for the user's history, then dropped.</summary>
public sealed class AccountHousekeeping(RoostDb db, TimeProvider time, ILogger<AccountHousekeeping> logger)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public async Task PurgeAsync()
    {
        var cutoff = time.GetUtcNow() - Retention;
        var sessions = await db.Sessions
            .Where(s => (s.RevokedAt != null && s.RevokedAt < cutoff) || s.ExpiresAt < cutoff)
            .ExecuteDeleteAsync();
        var throttles = await db.LoginThrottles
            .Where(t => t.WindowStartedAt < cutoff && (t.LockedUntil == null || t.LockedUntil < cutoff))
            .ExecuteDeleteAsync();
        logger.LogInformation("Purged {Sessions} ended sessions and {Throttles} stale login throttles", sessions, throttles);
    }
}
