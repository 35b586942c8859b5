using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Data;

namespace Roost.Features.Calendar;

/// <summary>
/// A booking's claim on its nights. The row goes in only while the listing is published, checked in the same statement
/// under the share lock its foreign key takes anyway: a host archiving the listing at that moment (under its row lock)
/// either waits for the booking and then counts it, or finishes first and nothing is claimed. Overlap with any other
/// occupancy is refused by the exclusion constraints, as for every occupancy.
/// </summary>
public static class BookingClaims
{
    /// <returns>The claim, or null when the listing is not taking bookings.</returns>
    public static async Task<Occupancy?> ClaimAsync(RoostDb db, Guid listingId, NightRange nights, int preparationNights, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = Occupancy.Booking(listingId, nights, preparationNights, now);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO occupancies (id, listing_id, kind, starts_on, ends_on, buffer_nights, created_at)
            SELECT {claim.Id}, {listingId}, {nameof(OccupancyKind.Booking)}, {claim.StartsOn}, {claim.EndsOn}, {claim.BufferNights}, {now}
            WHERE EXISTS (SELECT 1 FROM listings WHERE id = {listingId} AND status = {nameof(ListingStatus.Published)} FOR KEY SHARE)
            """,
            cancellationToken);
        return inserted == 1 ? claim : null;
    }
}
