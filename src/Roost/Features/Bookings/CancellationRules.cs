using Roost.Features.Listings;
using Roost.Platform.Money;
using Roost.Platform.Time;

namespace Roost.Features.Bookings;

public sealed record RefundLine(string Item, Money Charged, Money Refunded);

public sealed record RefundBreakdown(Money Refund, IReadOnlyList<RefundLine> Lines, string Rule);

/// <summary>
/// Refunds by cancellation policy. Deadlines count from check-in at the listing's check-in time where the home is:
/// whole days in local calendar days (so "5 days before" stays 15:00 local across a daylight-saving change), hours
/// as real elapsed hours. The service fee and taxes follow the nights; the cleaning and pet fees come back before check-in.
/// A guest who leaves during the stay is refunded by the same policy for the nights not yet begun.
/// </summary>
public static class CancellationRules
{
    /// <summary>A day and hour where the home is, as an instant.</summary>
    public static DateTimeOffset InstantAt(DateOnly day, TimeOnly time, string timeZone) =>
        TimeZones.ToUtc(day.ToDateTime(time), timeZone);

    public static RefundBreakdown ForGuest(
        Quote quote, CancellationPolicy policy, DateTimeOffset bookedAt, DateTimeOffset cancelledAt, TimeOnly checkInTime, string timeZone)
    {
        var checkInLocal = quote.CheckIn.ToDateTime(checkInTime);
        var checkIn = TimeZones.ToUtc(checkInLocal, timeZone);
        DateTimeOffset DaysBefore(int days) => TimeZones.ToUtc(checkInLocal.AddDays(-days), timeZone);

        // A night is under way from its check-in hour. Nights under way are never refunded: during a stay the policy
        // applies to the nights still ahead (before check-in, that is all of them).
        var accommodation = quote.Accommodation;
        var nightStarts = quote.Nightly.Select(n => (Start: TimeZones.ToUtc(n.Date.ToDateTime(checkInTime), timeZone), n.Price.Amount)).ToList();
        long AccommodationAfter(DateTimeOffset moment) =>
            accommodation - MoneyMath.Share(accommodation, nightStarts.Where(n => n.Start <= moment).Sum(n => n.Amount), quote.Subtotal.Amount);
        var stayBegun = cancelledAt >= checkIn;
        var fullRefund = cancelledAt <= FreeCancellationUntil(policy, quote.CheckIn, checkInTime, timeZone, bookedAt);

        var (nightsRefund, rule) = policy switch
        {
            CancellationPolicy.Flexible when fullRefund => (accommodation, "flexible: full refund until 24 hours before check-in"),
            CancellationPolicy.Flexible when !stayBegun => (AccommodationAfter(checkIn), "flexible: the first night is kept"),
            // During the stay: the nights under way and those starting in the next 24 hours are kept.
            CancellationPolicy.Flexible => (AccommodationAfter(cancelledAt + TimeSpan.FromHours(24)), "flexible: during the stay, nights from 24 hours after cancelling are refunded"),
            CancellationPolicy.Moderate when fullRefund => (accommodation, "moderate: full refund until 5 days before check-in"),
            CancellationPolicy.Moderate when !stayBegun => (MoneyMath.Percent(accommodation, 50), "moderate: 50% of the nights"),
            CancellationPolicy.Moderate => (MoneyMath.Percent(AccommodationAfter(cancelledAt), 50), "moderate: during the stay, 50% of the nights not yet begun"),
            CancellationPolicy.Firm when fullRefund => (accommodation, "firm: full refund 30 days or more before check-in"),
            CancellationPolicy.Firm when cancelledAt <= DaysBefore(7) => (MoneyMath.Percent(accommodation, 50), "firm: 50% between 7 and 30 days before check-in"),
            CancellationPolicy.Firm => (0L, "firm: no refund within 7 days of check-in"),
            CancellationPolicy.Strict when fullRefund => (accommodation, "strict: full refund within 48 hours of booking, 14+ days ahead"),
            CancellationPolicy.Strict when cancelledAt <= DaysBefore(7) => (MoneyMath.Percent(accommodation, 50), "strict: 50% until 7 days before check-in"),
            CancellationPolicy.Strict => (0L, "strict: no refund within 7 days of check-in"),
            _ => (0L, "non-refundable"),
        };

        return Breakdown(quote, nightsRefund, cleaningBack: !stayBegun, rule);
    }

    /// <summary>
    /// Until when cancelling gives back everything, however early the stay was booked: 24 hours before check-in for a
    /// flexible stay, 5 days before for a moderate one, 30 for a firm one. Null for strict (whose full refund depends
    /// on when it was booked) and non-refundable stays.
    /// </summary>
    public static DateTimeOffset? FullRefundUntil(CancellationPolicy policy, DateOnly checkIn, TimeOnly checkInTime, string timeZone) => policy switch
    {
        CancellationPolicy.Flexible => InstantAt(checkIn, checkInTime, timeZone) - TimeSpan.FromHours(24),
        CancellationPolicy.Moderate => InstantAt(checkIn.AddDays(-5), checkInTime, timeZone),
        CancellationPolicy.Firm => InstantAt(checkIn.AddDays(-30), checkInTime, timeZone),
        _ => null,
    };

    /// <summary>
    /// Until when a stay booked at <paramref name="bookedAt"/> may be cancelled for everything back, as guests are shown
    /// it ("free cancellation before …"): the policy's full-refund moment, or for strict, 48 hours after booking if
    /// that is 14 days or more before check-in. Null when there is none (non-refundable, strict booked late, or a
    /// moment already past when booked).
    /// </summary>
    public static DateTimeOffset? FreeCancellationUntil(CancellationPolicy policy, DateOnly checkIn, TimeOnly checkInTime, string timeZone, DateTimeOffset bookedAt)
    {
        var until = policy == CancellationPolicy.Strict
            ? Min(bookedAt + TimeSpan.FromHours(48), InstantAt(checkIn.AddDays(-14), checkInTime, timeZone))
            : FullRefundUntil(policy, checkIn, checkInTime, timeZone);
        return until >= bookedAt ? until : null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// The refund of a stay of which only <paramref name="paid"/> is held (the rest never charged now, or already
    /// given back): the guest gives up what the policy keeps, out of what they paid, and gets the remainder back; each
    /// line gets its share of that. <paramref name="why"/> says, in the rule, why less than the whole was paid.
    /// </summary>
    public static RefundBreakdown PartlyPaid(RefundBreakdown whole, long paid, long total, string why)
    {
        var refund = Math.Max(0, paid - (total - whole.Refund.Amount));
        var charged = MoneyMath.Apportion(paid, [.. whole.Lines.Select(l => l.Charged.Amount)]);
        var refunded = MoneyMath.Apportion(refund, [.. whole.Lines.Select(l => l.Refunded.Amount)]);
        var currency = whole.Refund.Currency;
        return new RefundBreakdown(
            new Money(refund, currency),
            [.. whole.Lines.Select((l, i) => l with { Charged = new Money(charged[i], currency), Refunded = new Money(refunded[i], currency) })],
            $"{whole.Rule}, {why}");
    }

    /// <summary>A host who cancels owes the guest everything.</summary>
    public static RefundBreakdown ForHost(Quote quote) =>
        Breakdown(quote, quote.Accommodation, cleaningBack: true, "cancelled by the host: full refund");

    /// <summary>A request that was never accepted held the money without taking it: all of it is released.</summary>
    public static RefundBreakdown Released(Quote quote) =>
        Breakdown(quote, quote.Accommodation, cleaningBack: true, "request withdrawn: the held amount is released");

    private static RefundBreakdown Breakdown(Quote quote, long nightsRefund, bool cleaningBack, string rule)
    {
        var accommodation = quote.Accommodation;
        var serviceFee = MoneyMath.Share(quote.ServiceFee.Amount, nightsRefund, accommodation);
        var cleaning = cleaningBack ? quote.CleaningFee.Amount : 0;
        var pets = cleaningBack ? quote.PetFee.Amount : 0;
        // Taxes were levied on accommodation plus the stay's fees: they come back in the same proportion.
        var taxBase = accommodation + quote.StayFees;
        var taxes = MoneyMath.Share(quote.Taxes.Amount, nightsRefund + cleaning + pets, taxBase);
        var currency = quote.Total.Currency;
        Money M(long amount) => new(amount, currency);
        var lines = new List<RefundLine>
        {
            new("nights", M(accommodation), M(nightsRefund)),
            new("cleaning_fee", quote.CleaningFee, M(cleaning)),
            new("pet_fee", quote.PetFee, M(pets)),
            new("service_fee", quote.ServiceFee, M(serviceFee)),
            new("taxes", quote.Taxes, M(taxes)),
        };
        return new RefundBreakdown(M(lines.Sum(l => l.Refunded.Amount)), lines, rule);
    }
}
