using Roost.Features.Payments;
using Roost.Platform.Data;

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
        var payments = await PaymentsAsync(booking);
        return await RefundPartsAsync(booking, Split([.. payments.Select(p => (p.IntentId, p.Held.Total))], back), key, ledgerReference, reason, now);
    }

    /// <summary>
    /// Gives back <paramref name="amount"/> outside the policy (support's goodwill): from each payment, newest first,
    /// each party returns its share of what that payment still holds for it. So a damage claim's payment comes back
    /// out of the host's part alone, and giving back everything left leaves every party with nothing of the stay.
    /// </summary>
    public async Task<PaymentResult?> RefundHeldAsync(Booking booking, long amount, string key, string ledgerReference, string? reason, DateTimeOffset now)
    {
        var parts = new List<(string, PaymentShares)>();
        var left = amount;
        foreach (var (intentId, held) in await PaymentsAsync(booking))
        {
            if (left == 0)
            {
                break;
            }

            var part = held.PartOf(Math.Min(held.Total, left));
            parts.Add((intentId, part));
            left -= part.Total;
        }

        return left == 0
            ? await RefundPartsAsync(booking, parts, key, ledgerReference, reason, now)
            : throw new InvalidOperationException($"A refund of {amount} exceeds what the booking's payments hold.");
    }

    private async Task<IReadOnlyList<(string IntentId, PaymentShares Held)>> PaymentsAsync(Booking booking)
    {
        var payments = await Ledger.PaymentsOfAsync(db, booking.Id, CancellationToken.None);
        // The books have not caught up with the gateway (a charge settlement has yet to record): the booking's own
        // payment, as its quote divides it.
        return payments.Count > 0 ? payments : [(booking.PaymentIntentId!, BookingLedger.FirstShares(booking))];
    }

    private async Task<PaymentResult?> RefundPartsAsync(Booking booking, IReadOnlyList<(string IntentId, PaymentShares Part)> parts, string key, string ledgerReference, string? reason, DateTimeOffset now)
    {
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
                : back.PartOf(amount);
            parts.Add((intentId, part));
            left = left.Minus(part);
        }

        return left.Total == 0 ? parts : throw new InvalidOperationException($"A refund of {back.Total} exceeds what the booking's payments hold.");
    }
}
