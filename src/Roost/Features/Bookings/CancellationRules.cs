using Roost.Features.Listings;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

public sealed record RefundLine(string Item, Money Charged, Money Refunded);

public sealed record RefundBreakdown(Money Refund, IReadOnlyList<RefundLine> Lines, string Rule);

/// <summary>
/// Refunds by cancellation policy. Deadlines count from check-in at the listing's check-in time where the home is:
/// whole days in local calendar days (so "5 days before" stays 15:00 local across a daylight-saving change), hours
/// as real elapsed hours. The service fee and taxes follow the nights; the cleaning fee comes back before check-in.
/// </summary>
public static class CancellationRules
{
    public static DateTimeOffset CheckInInstant(DateOnly checkIn, TimeOnly checkInTime, string timeZone) =>
        LocalToUtc(checkIn.ToDateTime(checkInTime), timeZone);

    public static RefundBreakdown ForGuest(
        Quote quote, CancellationPolicy policy, DateTimeOffset bookedAt, DateTimeOffset cancelledAt, TimeOnly checkInTime, string timeZone)
    {
        var checkInLocal = quote.CheckIn.ToDateTime(checkInTime);
        var checkIn = LocalToUtc(checkInLocal, timeZone);
        DateTimeOffset DaysBefore(int days) => LocalToUtc(checkInLocal.AddDays(-days), timeZone);

        var accommodation = quote.Accommodation;
        var (nightsRefund, rule) = policy switch
        {
            CancellationPolicy.Flexible when cancelledAt <= checkIn - TimeSpan.FromHours(24) => (accommodation, "flexible: full refund until 24 hours before check-in"),
            CancellationPolicy.Flexible => (accommodation - MoneyMath.Share(accommodation, quote.Nightly[0].Price.Amount, quote.Subtotal.Amount), "flexible: the first night is kept"),
            CancellationPolicy.Moderate when cancelledAt <= DaysBefore(5) => (accommodation, "moderate: full refund until 5 days before check-in"),
            CancellationPolicy.Moderate => (MoneyMath.Percent(accommodation, 50), "moderate: 50% of the nights"),
            CancellationPolicy.Firm when cancelledAt <= DaysBefore(30) => (accommodation, "firm: full refund 30 days or more before check-in"),
            CancellationPolicy.Firm when cancelledAt <= DaysBefore(7) => (MoneyMath.Percent(accommodation, 50), "firm: 50% between 7 and 30 days before check-in"),
            CancellationPolicy.Firm => (0L, "firm: no refund within 7 days of check-in"),
            CancellationPolicy.Strict when cancelledAt <= bookedAt + TimeSpan.FromHours(48) && cancelledAt <= DaysBefore(14) => (accommodation, "strict: full refund within 48 hours of booking, 14+ days ahead"),
            CancellationPolicy.Strict when cancelledAt <= DaysBefore(7) => (MoneyMath.Percent(accommodation, 50), "strict: 50% until 7 days before check-in"),
            CancellationPolicy.Strict => (0L, "strict: no refund within 7 days of check-in"),
            _ => (0L, "non-refundable"),
        };

        return Breakdown(quote, nightsRefund, cleaningBack: cancelledAt < checkIn, rule);
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
        // Taxes were levied on accommodation plus cleaning: they come back in the same proportion.
        var taxBase = accommodation + quote.CleaningFee.Amount;
        var taxes = MoneyMath.Share(quote.Taxes.Amount, nightsRefund + cleaning, taxBase);
        var currency = quote.Total.Currency;
        Money M(long amount) => new(amount, currency);
        var lines = new List<RefundLine>
        {
            new("nights", M(accommodation), M(nightsRefund)),
            new("cleaning_fee", quote.CleaningFee, M(cleaning)),
            new("service_fee", quote.ServiceFee, M(serviceFee)),
            new("taxes", quote.Taxes, M(taxes)),
        };
        return new RefundBreakdown(M(lines.Sum(l => l.Refunded.Amount)), lines, rule);
    }

    private static DateTimeOffset LocalToUtc(DateTime local, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        // A wall-clock time skipped by a spring-forward change is taken as the moment just after the jump.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
