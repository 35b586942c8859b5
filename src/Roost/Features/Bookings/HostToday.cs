using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Time;

namespace Roost.Features.Bookings;

/// <param name="Today">The day it is where the home is: each stay is placed by its own listing's calendar.</param>
public sealed record TodayStay(
    Guid BookingId, Guid ListingId, string ListingTitle, Guid GuestId, DateOnly Today, DateOnly CheckIn, DateOnly CheckOut,
    TimeOnly CheckInTime, TimeOnly CheckOutTime, TimeOnly? ExpectedArrival, int Guests, int Infants, int Pets, BookingStatus Status,
    DateTimeOffset? ExpiresAt);

/// <summary>
/// A host's day at a glance, over their listings and those they co-host with reservations access: who arrives and
/// who leaves today, who is staying, who comes in the next week, and the requests waiting for an answer (soonest
/// deadline first).
/// </summary>
public sealed record HostDay(
    IReadOnlyList<TodayStay> Arriving,
    IReadOnlyList<TodayStay> Leaving,
    IReadOnlyList<TodayStay> Staying,
    IReadOnlyList<TodayStay> Upcoming,
    IReadOnlyList<TodayStay> Requests);

public sealed class HostToday(RoostDb db, TimeProvider time)
{
    public const int UpcomingDays = 7;

    public async Task<HostDay> ForAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Time zones reach about a day either side of UTC: the window is widened by that, then each stay is placed
        // by the day it is where its home is.
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var (from, to) = (utcToday.AddDays(-1), utcToday.AddDays(UpcomingDays + 1));
        var coHosted = CoHosts.ListingsOf(db, userId, CoHostAccess.Reservations);
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.HostId == userId || coHosted.Contains(b.ListingId))
            .Where(b => (b.Status == BookingStatus.Pending && b.ExpiresAt > now)
                || ((b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed) && b.CheckOut >= from && b.CheckIn <= to))
            .Join(db.Listings, b => b.ListingId, l => l.Id, (b, l) => new { Booking = b, l.Title })
            .ToListAsync(cancellationToken);

        var stays = rows.Select(r =>
        {
            var b = r.Booking;
            return new TodayStay(b.Id, b.ListingId, r.Title, b.GuestId, TimeZones.Today(b.TimeZone, now), b.CheckIn, b.CheckOut, b.CheckInTime,
                b.CheckOutTime, b.ExpectedArrival, b.Guests, b.Quote.Infants, b.Quote.Pets, b.Status, b.ExpiresAt);
        }).ToList();
        var stayed = stays.Where(s => s.Status is BookingStatus.Confirmed or BookingStatus.Completed).ToList();
        return new HostDay(
            [.. stayed.Where(s => s.CheckIn == s.Today).OrderBy(s => s.ExpectedArrival ?? s.CheckInTime)],
            [.. stayed.Where(s => s.CheckOut == s.Today).OrderBy(s => s.CheckOutTime)],
            [.. stayed.Where(s => s.CheckIn < s.Today && s.CheckOut > s.Today).OrderBy(s => s.CheckOut)],
            [.. stayed.Where(s => s.CheckIn > s.Today && s.CheckIn <= s.Today.AddDays(UpcomingDays)).OrderBy(s => s.CheckIn)],
            [.. stays.Where(s => s.Status == BookingStatus.Pending).OrderBy(s => s.ExpiresAt)]);
    }
}
