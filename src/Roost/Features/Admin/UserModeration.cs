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
/// every listing guests could reach and the payouts still to come (held, not cancelled). Then every request to book
/// still open on either side is declined: one waiting for the suspended host (its guest has the held money back and
/// books elsewhere at once), and one the suspended user made (no host should accept a guest who cannot come). When the
/// admin asks, the confirmed stays that have not begun on either side are cancelled too, each refunded in full.
/// Reinstating brings back exactly what the suspension took down and lets the held payouts go.
/// </summary>
public sealed class UserModeration(
    RoostDb db, AccountModeration accounts, ListingModeration listings, PayoutHolds payouts, BookingQueries bookings, BookingActions actions, ListingChanges changes)
{
    public async Task<Outcome<UserModerationResponse>> SuspendAsync(Guid userId, ClaimsPrincipal admin, SuspendUserRequest suspension, CancellationToken cancellationToken)
    {
        var suspended = await SuspendAccountAsync(userId, admin.UserId(), suspension.Reason.Trim(), cancellationToken);
        if (suspended.Failure is { } refused)
        {
            return refused;
        }

        // Each is declined by the admin (a decline counts against nobody) and its hold voided, in a transaction of its
        // own, as a host's answer would be.
        var (asGuest, asHost) = await bookings.PendingRequestsAsync(userId, cancellationToken);
        var declined = new List<Guid>();
        foreach (var (requests, why) in new[] { (asHost, "The host's account was suspended."), (asGuest, "The guest's account was suspended.") })
        {
            foreach (var request in requests)
            {
                if ((await actions.DeclineAsync(request, why, admin, CancellationToken.None)).Succeeded)
                {
                    declined.Add(request);
                }
            }
        }

        // Cancelled by an admin: the guest gets everything back whatever the policy, and both sides are told.
        var cancelled = new List<Guid>();
        if (suspension.CancelUpcomingStays)
        {
            foreach (var (stay, theirTrip) in await bookings.UpcomingStaysOfAsync(userId, cancellationToken))
            {
                var cancel = new CancelRequest(theirTrip ? "The guest's account was suspended." : "The host's account was suspended.");
                if ((await actions.CancelAsync(stay, cancel, preview: false, admin, CancellationToken.None)).Succeeded)
                {
                    cancelled.Add(stay);
                }
            }
        }

        return suspended.Value! with { DeclinedRequestIds = declined, CancelledStayIds = cancelled };
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
        return new UserModerationResponse(userId, Suspended: true, hidden, [], []);
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
        return new UserModerationResponse(userId, Suspended: false, restored, [], []);
    }

    private async Task ForgetCachedAsync(IReadOnlyList<Guid> listingIds, CancellationToken cancellationToken)
    {
        foreach (var id in listingIds)
        {
            await changes.ChangedAsync(id, cancellationToken);
        }
    }
}
