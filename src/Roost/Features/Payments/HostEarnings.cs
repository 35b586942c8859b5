using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;
using Roost.Platform.Time;

namespace Roost.Features.Payments;

/// <param name="Month">1 to 12, where the host keeps their books (their profile's time zone, UTC until set).</param>
/// <param name="Paid">Payouts sent that month.</param>
/// <param name="Upcoming">Payouts due that month and not yet sent (scheduled, or failed and to be retried).</param>
public sealed record MonthEarnings(int Month, Money Paid, Money Upcoming, int Payouts);

/// <param name="Withheld">Kept back from the year's paid payouts for the host's cancellation penalties.</param>
public sealed record CurrencyEarnings(string Currency, Money Paid, Money Upcoming, Money Withheld, IReadOnlyList<MonthEarnings> Months);

/// <summary>One host's year, per currency (amounts in different currencies never add up).</summary>
public sealed record HostEarningsResponse(int Year, IReadOnlyList<CurrencyEarnings> Currencies);

/// <summary>
/// What a host has been paid and is still to be paid, month by month: the payouts are the truth of what leaves for
/// the host, after refunds shrank them and penalties were kept back, so the summary is read from them alone.
/// </summary>
public sealed class HostEarnings(RoostDb db, AccountDirectory accounts, TimeProvider time)
{
    public const int FirstYear = 2000;

    public async Task<Outcome<HostEarningsResponse>> ForYearAsync(Guid hostId, int? year, CancellationToken cancellationToken)
    {
        var thisYear = time.GetUtcNow().Year;
        var asked = year ?? thisYear;
        if (asked < FirstYear || asked > thisYear + 10)
        {
            return Failure.Validation("year", $"A year from {FirstYear} to {thisYear + 10}.");
        }

        var zone = await accounts.BookkeepingZoneAsync(hostId, cancellationToken);
        var (start, end) = YearIn(zone, asked);
        var payouts = await db.Set<Payout>().AsNoTracking()
            .Where(p => p.HostId == hostId)
            .Where(p => (p.Status == PayoutStatus.Paid && p.PaidAt >= start && p.PaidAt < end)
                || ((p.Status == PayoutStatus.Scheduled || p.Status == PayoutStatus.Failed) && p.DueAt >= start && p.DueAt < end))
            .Select(p => new { p.Status, p.Currency, p.Amount, p.Withheld, At = p.Status == PayoutStatus.Paid ? p.PaidAt!.Value : p.DueAt })
            .ToListAsync(cancellationToken);
        int MonthOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).Month;
        var paid = payouts.Where(p => p.Status == PayoutStatus.Paid).GroupBy(p => (p.Currency, Month: MonthOf(p.At)))
            .Select(g => new Sums(g.Key.Currency, g.Key.Month, g.Sum(p => p.Amount), g.Sum(p => p.Withheld), g.Count())).ToList();
        var upcoming = payouts.Where(p => p.Status != PayoutStatus.Paid).GroupBy(p => (p.Currency, Month: MonthOf(p.At)))
            .Select(g => new Sums(g.Key.Currency, g.Key.Month, g.Sum(p => p.Amount), 0, g.Count())).ToList();

        var currencies = paid.Concat(upcoming).Select(s => s.Currency).Distinct().Order(StringComparer.Ordinal).Select(currency =>
        {
            Money M(long amount) => new(amount, currency);
            var months = Enumerable.Range(1, 12).Select(month =>
            {
                var sent = paid.SingleOrDefault(s => s.Currency == currency && s.Month == month);
                var due = upcoming.SingleOrDefault(s => s.Currency == currency && s.Month == month);
                return new MonthEarnings(month, M(sent?.Amount ?? 0), M(due?.Amount ?? 0), (sent?.Count ?? 0) + (due?.Count ?? 0));
            }).ToList();
            return new CurrencyEarnings(currency, M(months.Sum(m => m.Paid.Amount)), M(months.Sum(m => m.Upcoming.Amount)),
                M(paid.Where(s => s.Currency == currency).Sum(s => s.Withheld)), months);
        }).ToList();
        return new HostEarningsResponse(asked, currencies);
    }

    /// <summary>The year from midnight on 1 January to the next, where the host keeps their books: a payout sent on New
    /// Year's Eve there counts in December, whatever the date in UTC.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) YearIn(TimeZoneInfo zone, int year) =>
        (TimeZones.ToUtc(new DateTime(year, 1, 1), zone), TimeZones.ToUtc(new DateTime(year + 1, 1, 1), zone));

    private sealed record Sums(string Currency, int Month, long Amount, long Withheld, int Count);
}
