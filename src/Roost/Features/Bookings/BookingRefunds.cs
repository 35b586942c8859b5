using Roost.Features.Payments;
using Roost.Platform.Data;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>
/// Gives money back on a booking. Most stays were paid in one payment; one whose price rose after booking was paid in
/// more, and a refund then comes out of the newest first, each part against the payment that took it (a card refund
/// can only return what that payment took).
/// </summary>
public sealed class BookingRefunds(RoostDb db, IPaymentGateway gateway, BookingLedger ledger)
{
    /// <summary>
    /// Refunds <paramref name="back"/> and books each part in the caller's unit of work. The gateway keys derive from
    /// <paramref name="key"/>, so a retry after a part failed repeats the parts that went through without moving money twice.
    /// </summary>
    /// <returns>The gateway's refusal, or null when all of it was refunded.</returns>
    public async Task<PaymentResult?> RefundAsync(Booking booking, PaymentShares back, string key, string ledgerReference, string? reason, DateTimeOffset now)
    {
        var payments = await Ledger.PaymentsOfAsync(db, booking.Id, CancellationToken.None);
        if (payments.Count == 0)
        {
            // The books have not caught up with the gateway (a charge settlement has yet to record): the booking's own payment.
            payments = [(booking.PaymentIntentId!, back.Total)];
        }

        var parts = Split(payments, back);
        foreach (var (intentId, part) in parts)
        {
            var suffix = parts.Count == 1 ? "" : ":" + intentId;
            var refund = await gateway.RefundAsync(intentId, part.Total, key + suffix, CancellationToken.None);
            if (!refund.Succeeded)
            {
                return refund;
            }

            ledger.Refunded(booking, intentId, part, ledgerReference + suffix, reason, now);
        }

        return null;
    }

    /// <summary>Newest payment first; each part of the refund takes its share of the host's, platform's and tax lines.</summary>
    public static IReadOnlyList<(string IntentId, PaymentShares Part)> Split(IReadOnlyList<(string IntentId, long Held)> payments, PaymentShares back)
    {
        var parts = new List<(string, PaymentShares)>();
        var left = back;
        foreach (var (intentId, held) in payments)
        {
            if (left.Total == 0)
            {
                break;
            }

            var amount = Math.Min(held, left.Total);
            var part = amount == left.Total
                ? left
                : Part(back, amount);
            parts.Add((intentId, part));
            left = new PaymentShares(left.Host - part.Host, left.Platform - part.Platform, left.Taxes - part.Taxes);
        }

        return left.Total == 0 ? parts : throw new InvalidOperationException($"A refund of {back.Total} exceeds what the booking's payments hold.");
    }

    private static PaymentShares Part(PaymentShares whole, long amount)
    {
        var host = MoneyMath.Share(whole.Host, amount, whole.Total);
        var taxes = MoneyMath.Share(whole.Taxes, amount, whole.Total);
        return new PaymentShares(host, amount - host - taxes, taxes);
    }
}
