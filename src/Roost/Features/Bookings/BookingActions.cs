using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Audit;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>
/// Accept, decline and cancel. Each locks the booking row, so two answers racing for one request cannot both act,
/// moves the money through the gateway with a key per booking and action (a retry never moves it twice), and frees
/// the nights in the same transaction that ends the booking.
/// </summary>
public sealed partial class BookingActions(
    RoostDb db, IPaymentGateway gateway, BookingLedger ledger, BookingRefunds refunds, ListingChanges changes, TimeProvider time, ILogger<BookingActions> logger)
{
    public Task<Outcome<BookingResponse>> AcceptAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, user, hostOnly: true, cancellationToken, async (booking, actor, now) =>
        {
            if (booking.Status == BookingStatus.Pending && booking.ExpiresAt <= now)
            {
                return Failure.Conflict("This request expired before it was accepted.");
            }

            if (booking.Status != BookingStatus.Pending)
            {
                return booking.Accept(actor, 0, now);
            }

            var capture = await gateway.CaptureAsync(booking.PaymentIntentId!, $"booking:{booking.Id}:capture", CancellationToken.None);
            if (!capture.Succeeded)
            {
                return BookingRequests.PaymentFailed(capture);
            }

            ledger.Charged(booking, booking.PaymentIntentId!, now);
            BookingNotices.Accepted(db, booking, now);
            if (actor.Role == "cohost")
            {
                BookingNotices.AnsweredByCoHost(db, booking, accepted: true, now);
            }

            return booking.Accept(actor, capture.AmountCaptured, now);
        });

    public Task<Outcome<BookingResponse>> DeclineAsync(Guid bookingId, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, user, hostOnly: true, cancellationToken, async (booking, actor, now) =>
        {
            if (booking.Decline(actor, reason, now) is { } refused)
            {
                return refused;
            }

            BookingNotices.Declined(db, booking, now);
            if (actor.Role == "cohost")
            {
                BookingNotices.AnsweredByCoHost(db, booking, accepted: false, now);
            }

            return await ReleaseAsync(booking);
        });

    /// <summary>
    /// An admin gives money back outside the policy (partial or whole, with a reason), newest payment first; the
    /// gateway key derives from the request's idempotency key, so a retried request refunds once.
    /// </summary>
    public async Task<Outcome<BookingResponse>> RefundAsync(Guid bookingId, long amount, string reason, string requestKey, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ActAsync(bookingId, user, hostOnly: false, cancellationToken, async (booking, actor, now) =>
        {
            var refundable = booking.AmountCaptured - booking.AmountRefunded;
            if (actor.Role != "admin")
            {
                return Failure.Forbidden("Only an admin issues refunds outside the cancellation policy.");
            }

            if (booking.PaymentIntentId is null || refundable <= 0)
            {
                return Failure.Unprocessable("Nothing was charged for this booking that is not already refunded.");
            }

            if (amount <= 0 || amount > refundable)
            {
                return Failure.Unprocessable($"The refund must be between 1 and {refundable} ({booking.Currency} minor units).",
                    new Dictionary<string, string[]> { ["amount"] = [$"At most {refundable}."] });
            }

            if (await refunds.RefundHeldAsync(booking, amount, $"booking:{booking.Id}:admin-refund:{requestKey}",
                $"refund:{booking.Id}:admin:{requestKey}", reason, now) is { } refusal)
            {
                return BookingRequests.PaymentFailed(refusal);
            }

            booking.RefundedOutsidePolicy(amount, now);
            BookingNotices.Refunded(db, booking, amount, now);
            Audit.Add(db, actor.UserId!.Value, "refund_booking", booking.Id, $"{Currency.Format(amount, booking.Currency)}: {reason}", now);
            return null;
        });

    /// <summary>The guest says when to expect them on the check-in day; the host is told.</summary>
    public Task<Outcome<BookingResponse>> ExpectArrivalAsync(Guid bookingId, TimeOnly? at, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ActAsync(bookingId, user, hostOnly: false, cancellationToken, (booking, actor, now) =>
        {
            var refused = actor.Role != "guest"
                ? Failure.Forbidden("The guest says when they expect to arrive.")
                : booking.ExpectArrivalAt(at, now);
            if (refused is null)
            {
                BookingNotices.ArrivalExpected(db, booking, now);
            }

            return Task.FromResult(refused);
        });

    /// <summary>Loads and locks the booking, checks who may act, applies the change and frees the nights if it ended.</summary>
    internal async Task<Outcome<BookingResponse>> ActAsync(
        Guid bookingId, ClaimsPrincipal user, bool hostOnly, CancellationToken cancellationToken,
        Func<Booking, Actor, DateTimeOffset, Task<Failure?>> change, bool save = true)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.LockedBookingAsync(bookingId, cancellationToken);
        var me = user.UserId();
        var coHost = booking is not null && !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId)
            && await CoHosts.AllowsAsync(db, booking.ListingId, me, CoHostAccess.Reservations, cancellationToken);
        if (booking is null || !(coHost || user.IsParticipantOrAdmin(booking.GuestId, booking.HostId)))
        {
            return Failure.NotFound("The booking");
        }

        var actor = coHost ? new Actor(me, "cohost")
            : booking.HostId == me ? new Actor(me, "host") : booking.GuestId == me ? new Actor(me, "guest") : new Actor(me, "admin");
        if (hostOnly && actor.Role == "guest")
        {
            return Failure.Forbidden("Only the host answers a request to book.");
        }

        // A co-host answers requests; cancelling, refunds and the rest stay with the host.
        if (!hostOnly && coHost)
        {
            return Failure.Forbidden("Only the listing's host can do that; co-hosts answer requests to book.");
        }

        return await ApplyAsync(booking, actor, change, save, transaction);
    }

    /// <summary>The same for the system (a job), which has no caller whose access to check.</summary>
    private async Task<Outcome<BookingResponse>> ActAsync(Guid bookingId, Actor system, Func<Booking, Actor, DateTimeOffset, Task<Failure?>> change)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var booking = await db.LockedBookingAsync(bookingId, CancellationToken.None);
        return booking is null ? Failure.NotFound("The booking") : await ApplyAsync(booking, system, change, save: true, transaction);
    }

    private async Task<Outcome<BookingResponse>> ApplyAsync(
        Booking booking, Actor actor, Func<Booking, Actor, DateTimeOffset, Task<Failure?>> change, bool save, IDbContextTransaction transaction)
    {
        var occupancyId = booking.OccupancyId;
        if (await change(booking, actor, time.GetUtcNow()) is { } refused)
        {
            return refused;
        }

        // Past this point money may have moved (a capture, a refund, a release), so a caller who goes away no longer
        // stops the change: it is finished and recorded rather than left half done.
        if (save)
        {
            await db.SaveChangesAsync(CancellationToken.None);
            if (occupancyId is { } held && booking.OccupancyId is null)
            {
                await db.Occupancies.Where(o => o.Id == held).ExecuteDeleteAsync(CancellationToken.None);
            }

            if (booking.AmountRefunded > 0 || (!booking.IsLive && booking.AmountCaptured > 0))
            {
                await ledger.RevisePayoutsAsync(booking, CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            changes.AvailabilityChanged();
        }

        return BookingResponse.From(booking);
    }

    /// <summary>Releases a held (authorized, not captured) payment; a hold that is already gone is fine.</summary>
    internal async Task<Failure?> ReleaseAsync(Booking booking)
    {
        if (booking.PaymentIntentId is null)
        {
            return null;
        }

        var released = await gateway.VoidAsync(booking.PaymentIntentId, $"booking:{booking.Id}:void", CancellationToken.None);
        if (!released.Succeeded)
        {
            logger.LogWarning("Releasing payment {IntentId} of booking {BookingId}: {Error}", booking.PaymentIntentId, booking.Id, released.Message);
        }

        return null;
    }
}
