using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Bookings;

/// <summary>
/// What a guest needs to get there: the street address and exact position, which the public listing never shows, the
/// stay's hours as booked, and how to get in. <see cref="CheckInInstructions"/> is null once the stay is over.
/// </summary>
public sealed record ArrivalDetails(
    Guid BookingId,
    Guid ListingId,
    string ListingTitle,
    Address Address,
    double? Latitude,
    double? Longitude,
    DateOnly CheckIn,
    TimeOnly CheckInTime,
    DateOnly CheckOut,
    TimeOnly CheckOutTime,
    string TimeZone,
    string? CheckInInstructions,
    string HouseRules,
    string HostFirstName,
    string? HostPhone,
    TimeOnly? ExpectedArrival);

/// <summary>
/// A home's address is its host's until they have a confirmed guest: the guest sees it from confirmation on, and the
/// way in (door codes, key boxes) only until the stay is over. The host and admins always see it.
/// </summary>
public sealed class Arrivals(RoostDb db, ListingReader listings)
{
    public async Task<Outcome<ArrivalDetails>> GetAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        // Only someone who is neither guest, host nor admin costs the companion lookup.
        var companion = booking is not null && !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId)
            && await TripGuests.IsCompanionAsync(db, booking.Id, user.UserId(), cancellationToken);
        if (booking is null || !(companion || user.IsParticipantOrAdmin(booking.GuestId, booking.HostId)))
        {
            return Failure.NotFound("The booking");
        }

        var asGuest = (user.UserId() == booking.GuestId || companion) && !user.IsAdmin();
        if (asGuest && booking.Status == BookingStatus.Pending)
        {
            return Failure.Conflict("The address is shared once the host accepts your request.", "Until then the listing shows the area.");
        }

        if (asGuest && booking.Status is not (BookingStatus.Confirmed or BookingStatus.Completed))
        {
            return Failure.Conflict("This booking did not go ahead, so the address is not shared.");
        }

        var place = await listings.PrivateDetailsAsync(booking.ListingId, cancellationToken);
        var stillToCome = booking.Status is BookingStatus.Pending or BookingStatus.Confirmed;
        return new ArrivalDetails(
            booking.Id, booking.ListingId, place.Title, place.Address, place.Latitude, place.Longitude,
            booking.CheckIn, booking.CheckInTime, booking.CheckOut, booking.CheckOutTime, booking.TimeZone,
            stillToCome ? place.CheckInInstructions : null, place.HouseRules, place.HostFirstName, place.HostPhone, booking.ExpectedArrival);
    }
}
