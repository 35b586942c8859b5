using System.Security.Claims;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Admin;

/// <summary>
/// Suspending a user is one commit across three features: the account (no sign-in, sessions ended) and, for a host,
/// every listing guests could reach and the payouts still to come (held, not cancelled). Then each request waiting
/// for the host's answer is declined, as an admin would, so its guest has the held money back and can book elsewhere
/// at once. Reinstating brings back exactly what the suspension took down and lets the held payouts go.
/// </summary>
public sealed class UserModeration(
    RoostDb db, AccountModeration accounts, ListingModeration listings, PayoutHolds payouts, BookingQueries bookings, BookingActions actions, ListingChanges changes)
{
    public async Task<Outcome<UserModerationResponse>> SuspendAsync(Guid userId, ClaimsPrincipal admin, string reason, CancellationToken cancellationToken)
    {
        var suspended = await SuspendAccountAsync(userId, admin.UserId(), reason, cancellationToken);
        if (suspended.Failure is { } refused)
        {
            return refused;
        }

        // Each decline moves money (the hold is voided) in a transaction of its own, as an answer from the host would.
        var declined = new List<Guid>();
        foreach (var request in await bookings.PendingRequestsOfHostAsync(userId, cancellationToken))
        {
            if ((await actions.DeclineAsync(request, "The host's account was suspended.", admin, CancellationToken.None)).Succeeded)
            {
                declined.Add(request);
            }
        }

        return suspended.Value! with { DeclinedRequestIds = declined };
    }

    private async Task<Outcome<UserModerationResponse>> SuspendAccountAsync(Guid userId, Guid adminId, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hidden = await listings.SuspendAllOfHostAsync(userId, reason, cancellationToken);
        await payouts.HoldAsync(userId, reason, cancellationToken);
        if (await accounts.SuspendAsync(userId, adminId, reason, cancellationToken) is { } refused)
        {
            return refused;
        }

        await transaction.CommitAsync(cancellationToken);
        await ForgetCachedAsync(hidden, cancellationToken);
        return new UserModerationResponse(userId, Suspended: true, hidden, []);
    }

    public async Task<Outcome<UserModerationResponse>> ReinstateAsync(Guid userId, Guid adminId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var restored = await listings.ReinstateAllOfHostAsync(userId, cancellationToken);
        await payouts.ReleaseAsync(userId, cancellationToken);
        if (await accounts.ReinstateAsync(userId, adminId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await transaction.CommitAsync(cancellationToken);
        await ForgetCachedAsync(restored, cancellationToken);
        return new UserModerationResponse(userId, Suspended: false, restored, []);
    }

    private async Task ForgetCachedAsync(IReadOnlyList<Guid> listingIds, CancellationToken cancellationToken)
    {
        foreach (var id in listingIds)
        {
            await changes.ChangedAsync(id, cancellationToken);
        }
    }
}
