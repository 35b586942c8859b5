using Microsoft.Extensions.Options;
using Roost.Features.Payments;
using Roost.Platform.Data;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>
/// How a booking's money goes on the books: which part of a charge or a refund is the host's, the platform's and the
/// tax authority's, and the payouts a charge implies. Everything is added to the caller's unit of work.
/// </summary>
public sealed class BookingLedger(RoostDb db, Payouts payouts, IOptions<BookingOptions> options)
{
    public static LedgerParty Party(Booking booking) => new(booking.Id, booking.HostId, booking.Currency);

    /// <summary>The co-hosts' shares of the stay's host payout, as they stood when it was booked.</summary>
    public static IReadOnlyList<PayoutShare> CoHostShares(Booking booking) =>
        booking.CoHostPayouts is { } shares ? [.. shares.Select(s => new PayoutShare(s.UserId, s.Percent, s.Amount))] : [];

    /// <summary>The host is paid the accommodation and the stay's fees less the host fee; the platform keeps both service fees.</summary>
    public static PaymentShares Shares(Quote quote) =>
        new(quote.HostPayout.Amount, quote.ServiceFee.Amount + quote.HostFee.Amount, quote.Taxes.Amount);

    /// <summary>
    /// A refund by policy takes back from each party what it was paid for the refunded lines: the host gives back the
    /// refunded nights and stay fees less the host fee on them, the platform the service fee and that host fee.
    /// </summary>
    public static PaymentShares RefundShares(Quote quote, RefundBreakdown breakdown)
    {
        long Line(string item) => breakdown.Lines.SingleOrDefault(l => l.Item == item)?.Refunded.Amount ?? 0;
        var hostGross = Line("nights") + Line("cleaning_fee") + Line("pet_fee");
        var hostFeeBack = MoneyMath.Share(quote.HostFee.Amount, hostGross, quote.Accommodation + quote.StayFees);
        return new PaymentShares(hostGross - hostFeeBack, Line("service_fee") + hostFeeBack, Line("taxes"));
    }

    /// <summary>
    /// The first payment on the books, and the whole stay's payouts scheduled: a stay paid in two parts gives each
    /// party its share of the part paid now, and the rest when it is paid (<see cref="ChargedBalance"/>).
    /// </summary>
    public void Charged(Booking booking, string intentId, DateTimeOffset now)
    {
        Ledger.Charge(db, Party(booking), intentId, FirstShares(booking), now);
        payouts.Schedule(Party(booking), booking.Quote.HostPayout.Amount, CoHostShares(booking),
            CancellationRules.InstantAt(booking.CheckIn, booking.CheckInTime, booking.TimeZone), booking.Quote.Nights, now);
    }

    /// <summary>The rest of a stay paid in two parts: each party gets what the first payment left of its share.</summary>
    public void ChargedBalance(Booking booking, string intentId, DateTimeOffset now) =>
        Ledger.Charge(db, Party(booking), intentId, Shares(booking.Quote).Minus(FirstShares(booking)), now, "the rest of the stay's price");

    /// <summary>What the first payment paid each party: all of their shares, or for a stay paid in two parts, their part of the first.</summary>
    public static PaymentShares FirstShares(Booking booking) => Shares(booking.Quote).PartOf(booking.FirstPayment);

    public void Refunded(Booking booking, string intentId, PaymentShares back, string reference, string? reason, DateTimeOffset now) =>
        Ledger.Refund(db, Party(booking), intentId, back, reference, reason, now);

    /// <summary>
    /// A stay changed to a dearer one: the extra payment is split as the difference between the two quotes' shares,
    /// and the payouts follow the new quote.
    /// </summary>
    public void ChargedForChange(Booking booking, Quote before, string intentId, DateTimeOffset now) =>
        Ledger.Charge(db, Party(booking), intentId, Difference(Shares(booking.Quote), Shares(before)), now, "the stay changed to a dearer one");

    /// <summary>
    /// A charge after the stay that is all the host's (a damage claim): no fees or taxes are taken from it, and it is
    /// paid out with the next payout run. It makes good the host's loss, so no co-host shares it.
    /// </summary>
    public async Task ChargedForHostAsync(Booking booking, string intentId, long amount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Ledger.Charge(db, Party(booking), intentId, new PaymentShares(amount, 0, 0), now, "a claim by the host");
        await payouts.ScheduleExtraAsync(Party(booking), amount, [], now, cancellationToken);
    }

    /// <summary>What a cheaper stay gives back: the old quote's shares less the new one's.</summary>
    public static PaymentShares ChangeRefundShares(Quote before, Quote after) => Difference(Shares(before), Shares(after));

    private static PaymentShares Difference(PaymentShares a, PaymentShares b) => new(a.Host - b.Host, a.Platform - b.Platform, a.Taxes - b.Taxes);

    /// <summary>
    /// The payouts follow a change: before any was tried (a stay not yet begun), they are scheduled again for the new
    /// dates and host payout; once one has gone (an extension of a stay under way), what the host earns more is paid
    /// on its own, with the next payout run. What the host earns less (an extension that reaches a larger length
    /// discount) comes off the open payouts once the guest's refund is saved (<see cref="RevisePayoutsAsync"/>), and
    /// whatever was paid out beyond it is the host's debt on the stay, kept back from their next payouts.
    /// </summary>
    public async Task PayoutsFollowChangeAsync(Booking booking, Quote before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await payouts.RescheduleAsync(Party(booking), booking.Quote.HostPayout.Amount, CoHostShares(booking),
                CancellationRules.InstantAt(booking.CheckIn, booking.CheckInTime, booking.TimeZone), booking.Quote.Nights, now, cancellationToken))
        {
            return;
        }

        var more = booking.Quote.HostPayout.Amount - before.HostPayout.Amount;
        if (more > 0)
        {
            await payouts.ScheduleExtraAsync(Party(booking), more, CoHostShares(booking), now, cancellationToken);
        }
    }

    public long HostCancelled(Booking booking, DateTimeOffset now)
    {
        var penalty = MoneyMath.Percent(booking.Quote.HostPayout.Amount, options.Value.HostCancellationPenaltyPercent);
        if (penalty > 0)
        {
            Ledger.HostCancellationPenalty(db, Party(booking), penalty, now);
        }

        return penalty;
    }

    /// <summary>After the change above is saved: open payouts shrink to what the host is still owed.</summary>
    /// <remarks>The host's part of a rest still to be charged counts as owed: the payouts wait for it rather than shrink.</remarks>
    public Task RevisePayoutsAsync(Booking booking, CancellationToken cancellationToken) =>
        payouts.ReviseAsync(booking.Id, booking.OwesBalance ? Shares(booking.Quote).Host - FirstShares(booking).Host : 0, cancellationToken);
}
