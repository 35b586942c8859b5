using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Accounts;

/// <summary>A host's Superhost standing, as whoever assesses it (bookings, which sees the stays) last found it.</summary>
public static class SuperhostStatus
{
    /// <summary>
    /// Moves the host from <paramref name="expected"/> to <paramref name="since"/> only if nobody moved it meanwhile, so
    /// two workers assessing at once change (and announce) it once; true when this call changed it.
    /// </summary>
    public static async Task<bool> MoveAsync(RoostDb db, Guid hostId, DateTimeOffset? expected, DateTimeOffset? since, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == hostId && u.SuperhostSince == expected)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.SuperhostSince, since), cancellationToken) == 1;
}
