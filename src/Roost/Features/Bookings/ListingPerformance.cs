using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

/// <param name="Month">1 to 12: the month's nights by the listing's own dates.</param>
/// <param name="OccupancyPercent">Booked nights out of those not blocked; null when the host blocked every night.</param>
/// <param name="NightsRevenue">What the booked nights cost guests by the quotes they booked at, before discounts and fees.</param>
public sealed record MonthPerformance(int Month, int Nights, int BookedNights, int BlockedNights, int? OccupancyPercent, Money NightsRevenue, Money? AverageNightlyRate);

public sealed record ListingPerformanceResponse(
    Guid ListingId, int Year, int BookedNights, int BlockedNights, int? OccupancyPercent, Money NightsRevenue, Money? AverageNightlyRate,
    IReadOnlyList<MonthPerformance> Months);

/// <summary>
/// How a listing did in a year, month by month, as hosts judge a home: nights booked (confirmed and completed stays),
/// nights blocked, occupancy of the nights on offer, and what the nights brought at the prices the guests booked at.
/// </summary>
public sealed class ListingPerformance(RoostDb db, ListingCalendar calendar, TimeProvider time)
{
    public async Task<Outcome<ListingPerformanceResponse>> ForYearAsync(Guid listingId, int? year, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var thisYear = time.GetUtcNow().Year;
        var asked = year ?? thisYear;
        if (asked < NightRange.Earliest.Year || asked > thisYear + 2)
        {
            return Failure.Validation("year", $"A year from {NightRange.Earliest.Year} to {thisYear + 2}.");
        }

        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken);
        if (access.Failure is { } denied)
        {
            return denied;
        }

        var listing = access.Value!;
        var range = new NightRange(new DateOnly(asked, 1, 1), new DateOnly(asked + 1, 1, 1));
        var stayed = new[] { BookingStatus.Confirmed, BookingStatus.Completed };
        var quotes = await db.Bookings.AsNoTracking()
            .Where(b => b.ListingId == listingId && stayed.Contains(b.Status) && b.CheckIn < range.End && b.CheckOut > range.Start)
            .Select(b => b.Quote)
            .ToListAsync(cancellationToken);
        var booked = quotes.SelectMany(q => q.Nightly).Where(n => n.Date >= range.Start && n.Date < range.End).ToList();
        var blocked = await calendar.BlockedNightsAsync(listingId, range, cancellationToken);

        Money M(long amount) => new(amount, listing.Currency);
        Money? Rate(long revenue, int nights) => nights == 0 ? null : M(MoneyMath.Share(revenue, 1, nights));
        int? Occupancy(int bookedNights, int nights, int blockedNights) =>
            nights - blockedNights <= 0 ? null : (int)Math.Round(100.0 * bookedNights / (nights - blockedNights), MidpointRounding.AwayFromZero);

        var months = Enumerable.Range(1, 12).Select(month =>
        {
            var nights = DateTime.DaysInMonth(asked, month);
            var inMonth = booked.Where(n => n.Date.Month == month).ToList();
            var revenue = inMonth.Sum(n => n.Price.Amount);
            var blockedNights = blocked.Count(d => d.Month == month);
            return new MonthPerformance(month, nights, inMonth.Count, blockedNights, Occupancy(inMonth.Count, nights, blockedNights), M(revenue), Rate(revenue, inMonth.Count));
        }).ToList();

        var total = booked.Sum(n => n.Price.Amount);
        return new ListingPerformanceResponse(
            listingId, asked, booked.Count, blocked.Count, Occupancy(booked.Count, range.Nights, blocked.Count), M(total), Rate(total, booked.Count), months);
    }
}
