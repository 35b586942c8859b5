using Roost.Features.Listings;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>Pay part now and the rest before the stay: what each part is, and when the rest is charged to the card.</summary>
public sealed record PartPayment(Money DueNow, Money DueLater, DateTimeOffset DueLaterAt);

public static class PartPayments
{
    /// <summary>The rest is due at least this long after booking, so a guest has time to hear of a refused card.</summary>
    public static readonly TimeSpan MinimumLead = TimeSpan.FromDays(2);

    public const string Unavailable =
        "This stay is paid in full when booked: paying part now is for stays whose full refund lasts past the last try at charging the rest (flexible or moderate), with the rest due two days from now at the earliest.";

    /// <summary>
    /// The offer for a stay booked now, or null. It is made only where cancelling at any moment before the last try
    /// at the rest gives back everything, so a stay whose rest is never paid is cancelled owing nobody anything.
    /// </summary>
    public static PartPayment? For(Quote quote, CancellationPolicy policy, TimeOnly checkInTime, string timeZone, BookingOptions options, DateTimeOffset now)
    {
        var dueAt = CancellationRules.InstantAt(quote.CheckIn.AddDays(-options.BalanceDueDaysBeforeCheckIn), checkInTime, timeZone);
        var lastTry = dueAt + TimeSpan.FromDays(Math.Max(0, options.BalanceAttempts - 1));
        if (CancellationRules.FullRefundUntil(policy, quote.CheckIn, checkInTime, timeZone) is not { } fullRefundUntil || lastTry > fullRefundUntil || dueAt < now + MinimumLead)
        {
            return null;
        }

        var total = quote.Total.Amount;
        var first = MoneyMath.Percent(total, options.PartPaymentPercent);
        return first <= 0 || first >= total ? null
            : new PartPayment(new Money(first, quote.Total.Currency), new Money(total - first, quote.Total.Currency), dueAt);
    }

    public static PartPayment? For(Quote quote, Listing listing, BookingOptions options, DateTimeOffset now) =>
        For(quote, listing.CancellationPolicy, listing.CheckInTime, listing.TimeZone!, options, now);
}
