namespace Roost.Features.Bookings;

/// <summary>
/// Where what a guest writes with a booking goes: into the conversation the two sides keep, so the host answers it
/// there. Messaging, which stands above bookings, implements it; it adds to the booking's unit of work, so the message
/// is there exactly when the booking is.
/// </summary>
public interface IBookingMessages
{
    Task PostAsync(Booking booking, CancellationToken cancellationToken);

    /// <summary>Whether the guest has written to the host about this listing: whom a host may make an offer to.</summary>
    Task<bool> HasAskedAboutAsync(Guid listingId, Guid guestId, CancellationToken cancellationToken);
}
