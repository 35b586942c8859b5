using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Payments;
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

/// <summary>
/// A guest who closes their account soon after a stay may still owe for damage the host finds: their saved card is
/// kept at the gateway until the stay's filing window ends (a claim filed in it keeps it longer), then deleted.
/// </summary>
public sealed class ClaimWindowCardKeeping(RoostDb db, TimeProvider time) : IAccountErasure
{
    public async Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken)
    {
        var claimableFrom = time.GetUtcNow() - StayClaims.FilingWindow;
        var lastClaimable = await db.Bookings
            .Where(b => b.GuestId == userId && (b.Status == BookingStatus.Completed || b.Status == BookingStatus.Confirmed) && b.CheckOutAt > claimableFrom)
            .MaxAsync(b => (DateTimeOffset?)b.CheckOutAt, cancellationToken);
        if (lastClaimable is { } checkOut)
        {
            await GatewayCustomer.KeepForClaimsAsync(db, userId, checkOut + StayClaims.FilingWindow, cancellationToken);
        }
    }
}
