using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Data;

namespace Roost.Features.Bookings;

public sealed record TripCalendarResponse(string Url);

/// <summary>
/// A traveller's trips for their calendar app to subscribe to: the stays they booked or joined as a companion, once
/// confirmed, from a month back on, each from its check-in to its check-out time with the address. A cancelled trip
/// leaves the feed, and so leaves the subscriber's calendar at its next refresh.
/// </summary>
public sealed class TripCalendars(RoostDb db, TimeProvider time)
{
    public async Task<TripCalendarResponse> UrlAsync(Guid userId, CancellationToken cancellationToken)
    {
        var calendar = await db.Set<TripCalendar>().SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        if (calendar is null)
        {
            calendar = TripCalendar.For(userId, time.GetUtcNow());
            db.Add(calendar);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (PostgresErrors.IsUniqueViolation(ex))
            {
                // Asked twice at once: the other request made it.
                db.ChangeTracker.Clear();
                calendar = await db.Set<TripCalendar>().AsNoTracking().SingleAsync(c => c.UserId == userId, cancellationToken);
            }
        }

        return new TripCalendarResponse(FeedPath(calendar.Token));
    }

    /// <summary>A new address; calendars subscribed to the old one stop receiving trips.</summary>
    public async Task<TripCalendarResponse> RotateAsync(Guid userId, CancellationToken cancellationToken)
    {
        var calendar = await db.Set<TripCalendar>().SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        if (calendar is null)
        {
            return await UrlAsync(userId, cancellationToken);
        }

        calendar.Rotate(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new TripCalendarResponse(FeedPath(calendar.Token));
    }

    /// <summary>Null for a token nobody holds; the caller answers 404.</summary>
    public async Task<string?> IcsAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: 64 })
        {
            return null;
        }

        var owner = await db.Set<TripCalendar>().AsNoTracking().Where(c => c.Token == token).Select(c => (Guid?)c.UserId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not { } userId)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-31);
        var joined = TripGuests.TripsOf(db, userId);
        var trips = await db.Bookings.AsNoTracking()
            .Where(b => (b.GuestId == userId || joined.Contains(b.Id)) && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed) && b.CheckOut >= since)
            .Join(db.Listings, b => b.ListingId, l => l.Id, (b, l) => new { Booking = b, l.Title, l.Address })
            .OrderBy(t => t.Booking.CheckIn)
            .Take(500)
            .ToListAsync(cancellationToken);
        var events = trips.Select(t => new CalendarEvent(
            $"{t.Booking.Id:N}@roost-trips",
            new NightRange(t.Booking.CheckIn, t.Booking.CheckOut),
            $"Stay at {t.Title}",
            Location(t.Address),
            $"Check-in from {t.Booking.CheckInTime:HH\\:mm}, check-out by {t.Booking.CheckOutTime:HH\\:mm} ({t.Booking.TimeZone}). Booking {t.Booking.Id}.",
            (CancellationRules.InstantAt(t.Booking.CheckIn, t.Booking.CheckInTime, t.Booking.TimeZone), t.Booking.CheckOutAt)));
        return ICalendarWriter.Write("Roost trips", events, now);
    }

    private static string Location(Address address) =>
        string.Join(", ", new[] { address.Street, address.PostalCode, address.City, address.Region, address.CountryCode }.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string FeedPath(string token) => $"/api/v1/trips/calendar.ics?token={token}";

    /// <summary>A closed account's trips are nobody's to read.</summary>
    public sealed class Erasure(RoostDb db) : IAccountErasure
    {
        public Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken) =>
            db.Set<TripCalendar>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
