using Roost.Features.Bookings;
using Roost.Features.Payments;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Claims;

/// <summary>
/// The money of a claim that was accepted or granted: damage is charged to the guest's card and is all the host's;
/// a refund goes back to the card out of the host's share of the stay.
/// </summary>
public sealed class ClaimSettlement(RoostDb db, IPaymentGateway gateway, BookingLedger ledger, BookingRefunds refunds)
{
    /// <summary>Moves the money of an accepted or granted claim; the payment intent of a damage charge, null for a refund.</summary>
    public async Task<Outcome<string?>> SettleAsync(Booking booking, StayClaim claim, long amount, DateTimeOffset now)
    {
        if (claim.Kind == ClaimKind.Damage)
        {
            var payment = await gateway.AuthorizeAsync(
                new PaymentRequest(amount, booking.Currency, booking.PaymentMethod, CaptureNow: true, $"booking:{booking.Id}:claim:{claim.Id}:charge",
                    $"Roost claim for booking {booking.Id}", $"{booking.Id}:claim:{claim.Id}", booking.GuestId, OffSession: true),
                CancellationToken.None);
            if (!payment.Kept)
            {
                return BookingRequests.PaymentFailed(payment, "Nothing was charged and the claim is as it was.");
            }

            await ledger.ChargedForHostAsync(booking, payment.IntentId!, amount, now, CancellationToken.None);
            booking.ChargedAfterStay(amount, now);
            return payment.IntentId;
        }

        // The host gives it back: it comes off what they are owed for the stay, and once that is paid out, off their
        // next payouts (a debt on this booking). The gateway can only return what Roost still holds for the stay.
        var held = await Ledger.GatewayBalanceAsync(db, booking.Id, CancellationToken.None);
        if (amount > held || amount > booking.AmountCaptured - booking.AmountRefunded)
        {
            return Failure.Conflict($"Roost holds {Currency.Format(Math.Max(0, held), booking.Currency)} of this stay's money now; more cannot go back this way.",
                "Support can refund the rest.");
        }

        if (await refunds.RefundAsync(booking, new PaymentShares(amount, 0, 0), $"booking:{booking.Id}:claim:{claim.Id}:refund", $"refund:{booking.Id}:claim:{claim.Id}",
                $"claim: {claim.Reason}", now) is { } refusal)
        {
            return BookingRequests.PaymentFailed(refusal, "Nothing was refunded and the claim is as it was.");
        }

        booking.RefundedOutsidePolicy(amount, now);
        return (string?)null;
    }
}
