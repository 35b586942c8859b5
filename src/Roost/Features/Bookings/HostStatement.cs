using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <summary>
/// A host's payouts of one year as a CSV file for their bookkeeping: one row per payout, with the stay it pays for.
/// Paid payouts count by the day they were sent, the rest by the day they are due, where the host keeps their books
/// (their profile's time zone), as the earnings summary does; the instants themselves are written in UTC.
/// </summary>
public sealed class HostStatement(RoostDb db, AccountDirectory accounts, TimeProvider time)
{
    private static readonly string[] Header =
        ["payout_id", "status", "due_at", "paid_at", "currency", "amount", "withheld", "booking_id", "listing", "check_in", "check_out", "nights", "gateway_payout_id", "paid_as"];

    public async Task<Outcome<string>> CsvAsync(Guid hostId, int? year, CancellationToken cancellationToken)
    {
        var thisYear = time.GetUtcNow().Year;
        var asked = year ?? thisYear;
        if (asked < HostEarnings.FirstYear || asked > thisYear + 10)
        {
            return Failure.Validation("year", $"A year from {HostEarnings.FirstYear} to {thisYear + 10}.");
        }

        var (start, end) = HostEarnings.YearIn(await accounts.BookkeepingZoneAsync(hostId, cancellationToken), asked);
        var bookings = db.Bookings;
        var listings = db.Listings;
        var rows = await db.Set<Payout>().AsNoTracking()
            .Where(p => p.HostId == hostId && p.Status != PayoutStatus.Cancelled)
            .Where(p => p.Status == PayoutStatus.Paid ? p.PaidAt >= start && p.PaidAt < end : p.DueAt >= start && p.DueAt < end)
            .Join(bookings, p => p.BookingId, b => b.Id, (p, b) => new { Payout = p, b.ListingId, b.CheckIn, b.CheckOut })
            .Join(listings, r => r.ListingId, l => l.Id, (r, l) => new { r.Payout, r.CheckIn, r.CheckOut, l.Title })
            .OrderBy(r => r.Payout.DueAt).ThenBy(r => r.Payout.Id)
            .ToListAsync(cancellationToken);

        var csv = new StringBuilder().AppendJoin(',', Header).Append("\r\n");
        foreach (var row in rows)
        {
            var p = row.Payout;
            string[] fields =
            [
                p.Id.ToString(), p.Status.ToString().ToLowerInvariant(), Instant(p.DueAt), p.PaidAt is { } paid ? Instant(paid) : "", p.Currency,
                Amount(p.Amount, p.Currency), Amount(p.Withheld, p.Currency), p.BookingId.ToString(), row.Title,
                row.CheckIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                (row.CheckOut.DayNumber - row.CheckIn.DayNumber).ToString(CultureInfo.InvariantCulture), p.GatewayPayoutId ?? "",
                p.ShareOfHostId is null ? "host" : "cohost",
            ];
            csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Major units with the currency's own decimals (12345 EUR cents is 123.45), as a spreadsheet reads them.</summary>
    private static string Amount(long minor, string currency)
    {
        var digits = Currency.IsKnown(currency) ? Currency.Digits(currency) : 2;
        return (minor / (decimal)Math.Pow(10, digits)).ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// RFC 4180 quoting, and text a spreadsheet would run as a formula (a listing titled "=HYPERLINK(…)") is kept as
    /// text with a leading apostrophe (OWASP: CSV injection).
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
