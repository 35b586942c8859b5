using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Calendar;

/// <summary>The listing's calendar for other sites: every booked and blocked range from a month ago on.</summary>
public sealed class CalendarExport(RoostDb db, HostListings listings, TimeProvider time)
{
    /// <summary>The listing's secret export URL, for its host.</summary>
    public async Task<Outcome<CalendarExportResponse>> UrlAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await ListingAccess.ForEditAsync(db, listingId, user, cancellationToken, coHostsWith: CoHostAccess.Calendar);
        return access.Succeeded ? new CalendarExportResponse(ExportPath(listingId, access.Value!.CalendarToken)) : access.Failure!;
    }

    /// <summary>A new secret URL; whoever held the old one no longer sees the calendar.</summary>
    public async Task<Outcome<CalendarExportResponse>> RotateAsync(Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await listings.RotateCalendarTokenAsync(listingId, user, cancellationToken);
        return outcome.Succeeded ? new CalendarExportResponse(ExportPath(listingId, outcome.Value!.CalendarToken)) : outcome.Failure!;
    }

    /// <summary>Null when the listing or token does not match; the caller answers 404 either way.</summary>
    public async Task<string?> IcsAsync(Guid listingId, string? token, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking()
            .Where(l => l.Id == listingId)
            .Select(l => new { l.Id, l.Title, l.CalendarToken })
            .SingleOrDefaultAsync(cancellationToken);
        if (listing is null || token is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(listing.CalendarToken)))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-31);
        var occupancies = await db.Occupancies.AsNoTracking()
            .Where(o => o.ListingId == listingId && o.EndsOn > since)
            .OrderBy(o => o.StartsOn)
            .ToListAsync(cancellationToken);
        var events = occupancies.Select(o => new CalendarEvent(
            $"{o.Id:N}@roost",
            o.Nights,
            o.Kind == OccupancyKind.Booking ? "Reserved" : "Not available"));
        return ICalendarWriter.Write($"Roost: {listing.Title}", events, now);
    }

    private static string ExportPath(Guid listingId, string token) => $"/api/v1/listings/{listingId}/calendar.ics?token={token}";
}
