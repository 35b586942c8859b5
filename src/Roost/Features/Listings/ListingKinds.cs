namespace Roost.Features.Listings;

public enum PropertyType
{
    House,
    Apartment,
    Guesthouse,
    HotelRoom,
    Villa,
    Cabin,
    Cottage,
    Loft,
    Townhouse,
    Boat,
    Other,
}

public enum RoomType
{
    EntirePlace,
    PrivateRoom,
    SharedRoom,
}

/// <summary>
/// Who may book an instant-book listing at once; anyone else sends a request the host answers. Everyone by default;
/// hosts may ask for guests whose e-mail address is confirmed, or who also have a good record with other hosts.
/// </summary>
public enum InstantBookFor
{
    Everyone,
    VerifiedGuests,
    ReviewedGuests,
}

/// <summary>How much of the stay a guest gets back on cancelling; the bookings feature owns the refund rules.</summary>
public enum CancellationPolicy
{
    Flexible,
    Moderate,
    Firm,
    Strict,
    NonRefundable,
}

public enum ListingStatus
{
    Draft,
    Published,
    Unlisted,
    Archived,

    /// <summary>Taken off the marketplace by an admin: the host still sees and edits it but cannot publish it.</summary>
    Suspended,
}

/// <summary>A postal address; the city and country are what search and guests see before booking.</summary>
public sealed record Address(string? Street, string? City, string? Region, string? PostalCode, string? CountryCode);
