namespace Roost.Features.Listings;

/// <summary>
/// What a listing still owes guests: stays booked or requested that have not ended. Bookings answers it (it sits above
/// Listings), so that a host cannot archive a home with guests still on the way.
/// </summary>
public interface IListingCommitments
{
    Task<int> OpenStaysAsync(Guid listingId, DateOnly today, CancellationToken cancellationToken);
}
