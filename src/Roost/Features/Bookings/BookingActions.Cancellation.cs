using System.Security.Claims;
using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>Cancelling: by the guest (the policy's refund), the host or Roost (everything back), or the system for a rest never paid.</summary>
public sealed partial class BookingActions
{
    /// <summary>The guest withdraws or cancels by the policy; the host (or an admin) cancels with a full refund.</summary>
    public async Task<Outcome<CancelResponse>> CancelAsync(Guid bookingId, CancelRequest request, bool preview, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.ExpectedRefund is { } shown && !shown.IsWellFormed())
        {
            return Failure.Validation("expectedRefund", "The refund as the preview gave it: {\"amount\": minor units, \"currency\": \"EUR\"}.");
        }

        RefundBreakdown? breakdown = null;
        var outcome = await ActAsync(bookingId, user, hostOnly: false, cancellationToken, async (booking, actor, now) =>
        {
            var byHost = actor.Role != "guest";
            if (booking.CancelRefusal(byHost, now) is { } refused)
            {
                return refused;
            }

            breakdown = Breakdown(booking, byHost, now);
            if (preview)
            {
                return null;
            }

            // What the guest saw is what they agreed to: a deadline that passed since the preview changes nothing
            // behind their back.
            if (request.ExpectedRefund is { } expected && !breakdown.Refund.SameAs(expected))
            {
                return new Failure(StatusCodes.Status409Conflict, "REFUND_CHANGED",
                    $"The refund for cancelling is now {Currency.Format(breakdown.Refund.Amount, breakdown.Refund.Currency)} ({breakdown.Rule}).",
                    "Nothing was cancelled; preview again and cancel with the refund it shows.",
                    Extensions: new Dictionary<string, object?> { ["refund"] = breakdown.Refund });
            }

            return await CancelAsync(booking, actor, byHost, breakdown, request.Reason, now);
        }, save: !preview);

        return outcome.Failure is { } failure
            ? failure
            : new CancelResponse(outcome.Value!, breakdown!.Refund, breakdown.Lines, breakdown.Rule, preview);
    }

    /// <summary>
    /// A stay whose rest went unpaid after every try is cancelled as the guest's, by the system, refunded by its
    /// policy out of what was paid. Nothing happens if it was paid or ended meanwhile.
    /// </summary>
    internal Task<Outcome<BookingResponse>> CancelUnpaidAsync(Guid bookingId, int attempts) =>
        ActAsync(bookingId, Actor.System, async (booking, actor, now) =>
            booking is { Status: BookingStatus.Confirmed, OwesBalance: true } && booking.BalanceFailures >= attempts
                ? await CancelAsync(booking, actor, byHost: false, Breakdown(booking, byHost: false, now), BookingBalances.NotPaidReason, now)
                : Failure.Conflict("The rest was paid, or the stay ended, meanwhile."));

    /// <summary>
    /// What cancelling gives back now: all of a request's hold, all of a stay the host cancels, the policy's part for
    /// the guest; of a stay paid short (its rest still to be paid, or part already refunded by support), out of what
    /// was paid, so a goodwill refund counts towards the policy's and never makes the cancellation refund it twice.
    /// </summary>
    private static RefundBreakdown Breakdown(Booking booking, bool byHost, DateTimeOffset now)
    {
        var whole = booking.Status == BookingStatus.Pending ? CancellationRules.Released(booking.Quote)
            : byHost ? CancellationRules.ForHost(booking.Quote)
            : CancellationRules.ForGuest(booking.Quote, booking.CancellationPolicy, booking.CreatedAt, now, booking.CheckInTime, booking.TimeZone);
        return booking.PaidShort
            ? CancellationRules.PartlyPaid(whole, booking.Paid, booking.Total, booking.OwesBalance ? "of the part paid so far" : "less what support already refunded")
            : whole;
    }

    private async Task<Failure?> CancelAsync(Booking booking, Actor actor, bool byHost, RefundBreakdown breakdown, string? reason, DateTimeOffset now)
    {
        long refunded = 0;
        if (booking.Status == BookingStatus.Pending)
        {
            await ReleaseAsync(booking);
        }
        else if (breakdown.Refund.Amount > 0)
        {
            // A stay paid short gives back from what its payments hold; its lines are not all held.
            var refusal = booking.PaidShort
                ? await refunds.RefundHeldAsync(booking, breakdown.Refund.Amount, $"booking:{booking.Id}:cancel-refund", $"refund:{booking.Id}:cancel", breakdown.Rule, now)
                : await refunds.RefundAsync(booking, BookingLedger.RefundShares(booking.Quote, breakdown), $"booking:{booking.Id}:cancel-refund", $"refund:{booking.Id}:cancel", breakdown.Rule, now);
            if (refusal is not null)
            {
                return BookingRequests.PaymentFailed(refusal);
            }

            refunded = breakdown.Refund.Amount;
        }

        if (actor.Role == "host" && booking.Status == BookingStatus.Confirmed)
        {
            ledger.HostCancelled(booking, now);
        }

        BookingNotices.Cancelled(db, booking, actor.Role, refunded, now);
        return booking.Cancel(actor, byHost, refunded, reason, now);
    }
}
