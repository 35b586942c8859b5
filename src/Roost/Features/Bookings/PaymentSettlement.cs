using Microsoft.EntityFrameworkCore;
using Roost.Features.Payments;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

/// <summary>
/// Money the gateway holds that our books do not show, which happens only when the process died between the
/// gateway's answer and our commit. A capture for a request still waiting becomes the accept it was; anything else
/// (no booking at all, or one that ended) is given back. Runs under the booking's row lock, so it waits for an accept
/// in flight and then finds it done.
/// </summary>
public sealed class PaymentSettlement(
    RoostDb db, IPaymentGateway gateway, BookingLedger ledger, TimeProvider time, ILogger<PaymentSettlement> logger) : IPaymentSettlement
{
    public async Task<Settled?> SettleAsync(GatewayPayment payment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var restOf = BookingBalances.RestOf(payment.Reference);
        var bookingId = restOf ?? (Guid.TryParse(payment.Reference, out var referenced) ? referenced : null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (bookingId is { } id)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {id} FOR UPDATE", cancellationToken);
        }

        var intentId = payment.IntentId;
        var booking = await db.Bookings.Include(b => b.Transitions)
            .SingleOrDefaultAsync(b => b.PaymentIntentId == intentId || (bookingId != null && b.Id == bookingId), cancellationToken);
        if (booking is null)
        {
            // A booking may still be on its way to its commit: only money old enough to be sure is given back.
            return now - payment.CreatedAt < Reconciliation.Grace ? null : await ReturnAsync(payment, $"orphan:{intentId}", "no booking was recorded for it", cancellationToken);
        }

        if (await Ledger.HasChargeAsync(db, intentId, cancellationToken) || (payment.Held && booking.IsLive) || (!payment.Held && payment.Captured == 0))
        {
            return null;
        }

        if (restOf is not null)
        {
            // The rest of a stay was charged and the process died before recording it: if the stay still owes just
            // that, it is paid; otherwise (cancelled meanwhile, paid another way) the money goes back.
            if (!payment.Held && payment.Refunded == 0 && booking.Status == BookingStatus.Confirmed && booking.OwesBalance && payment.Captured == booking.BalanceAmount)
            {
                BookingBalances.Paid(db, ledger, booking, intentId, payment.Captured, savedMethod: null, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new Settled("recorded the payment of the rest of a stay that the books lacked", 0);
            }

            await transaction.CommitAsync(cancellationToken);
            return await ReturnAsync(payment, $"booking:{booking.Id}:refund-uncommitted-rest:{intentId}", "the stay no longer owes it", cancellationToken);
        }

        if (!payment.Held && booking.Status is BookingStatus.Confirmed or BookingStatus.Completed && booking.AmountRefunded == 0)
        {
            // The stay stands; only its entry in the books is missing.
            ledger.Charged(booking, intentId, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Settled("recorded the charge of a confirmed booking that the books lacked", 0);
        }

        if (!payment.Held && booking.CaptureRecovered(payment.Captured, now) is null)
        {
            booking.PaymentAuthorized(intentId, payment.Captured, savedMethod: null);
            ledger.Charged(booking, intentId, now);
            BookingNotices.Accepted(db, booking, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogWarning("Booking {BookingId} confirmed from its captured payment {IntentId}: the accept had not committed", booking.Id, intentId);
            return new Settled("confirmed the booking: its payment was captured but the accept had not committed", 0);
        }

        await transaction.CommitAsync(cancellationToken);
        return await ReturnAsync(payment, $"booking:{booking.Id}:refund-uncommitted-capture", $"the booking is {booking.Status}", cancellationToken);
    }

    private async Task<Settled?> ReturnAsync(GatewayPayment payment, string key, string why, CancellationToken cancellationToken)
    {
        if (payment.Held)
        {
            var voided = await gateway.VoidAsync(payment.IntentId, key + ":void", cancellationToken);
            return voided.Succeeded ? new Settled($"released the hold: {why}", 0) : null;
        }

        var left = payment.Captured - payment.Refunded;
        if (left <= 0)
        {
            return null;
        }

        var refund = await gateway.RefundAsync(payment.IntentId, left, key, cancellationToken);
        if (!refund.Succeeded)
        {
            logger.LogError("ALERT could not refund {Amount} on payment {IntentId} ({Why}): {Error}", left, payment.IntentId, why, refund.Message);
            return null;
        }

        logger.LogWarning("Refunded {Amount} {Currency} on payment {IntentId}: {Why}", left, payment.Currency, payment.IntentId, why);
        return new Settled($"refunded {left}: {why}", left);
    }
}
