using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Data;

namespace Roost.Features.Claims;

/// <summary>An account with a claim not yet settled, on either side of it, stays open until it is: closing must not end a dispute.</summary>
public sealed class ClaimCommitments(RoostDb db) : IAccountCommitments
{
    public async Task<IReadOnlyList<string>> OpenAsync(Guid userId, CancellationToken cancellationToken)
    {
        var open = await db.Set<StayClaim>().CountAsync(
            c => (c.HostId == userId || c.GuestId == userId) && (c.Status == ClaimStatus.Open || c.Status == ClaimStatus.Declined || c.Status == ClaimStatus.Escalated),
            cancellationToken);
        return open == 0 ? [] : [$"{open} damage claim{(open == 1 ? " is" : "s are")} not settled."];
    }
}
