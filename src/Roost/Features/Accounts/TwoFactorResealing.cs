using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Secrets;

namespace Roost.Features.Accounts;

/// <summary>
/// After a key rotation, seals every two-step secret still under an older key (or none) with the current one, a batch
/// at a time, so users who rarely sign in do not keep an old key in service; it says how many are left.
/// </summary>
public sealed class TwoFactorResealing(RoostDb db, SealedSecrets secrets, ILogger<TwoFactorResealing> logger)
{
    public const int Batch = 500;

    /// <returns>How many were sealed again.</returns>
    public async Task<int> ResealAsync()
    {
        var prefix = secrets.CurrentPrefix;
        var stale = await db.Users.Where(u => u.TwoFactorSecret != null && !u.TwoFactorSecret.StartsWith(prefix))
            .OrderBy(u => u.Id).Take(Batch).Select(u => new { u.Id, Secret = u.TwoFactorSecret! }).ToListAsync();
        foreach (var user in stale)
        {
            var resealed = secrets.Seal(user.Id, secrets.Open(user.Id, user.Secret));
            // Only if it is still the secret read: a user who switched two-step off or on meanwhile keeps theirs.
            await db.Users.Where(u => u.Id == user.Id && u.TwoFactorSecret == user.Secret)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.TwoFactorSecret, resealed));
        }

        if (stale.Count > 0)
        {
            logger.LogInformation("Sealed {Count} two-step secrets again with the current key{More}", stale.Count, stale.Count == Batch ? "; more remain for the next run" : "");
        }

        return stale.Count;
    }
}
