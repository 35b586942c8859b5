using Roost.Features.Accounts;
using Roost.Platform.Money;

namespace Roost.Features.Listings;

public sealed record HostSummary(Guid Id, string FirstName, DateTimeOffset JoinedAt, double? Rating, int ReviewCount, ResponseSummary? Response, bool Superhost, string? PhotoUrl);

public sealed record PrivateListingDetails(
    string Title, Address Address, double? Latitude, double? Longitude, string CheckInInstructions, string HouseRules, string HostFirstName, string? HostPhone);

public sealed record PhotoResponse(Guid Id, string Url, string Caption, int Position, string ContentType, long SizeBytes);

/// <summary>
/// A listing as the contract shows it: prices are integers in minor units of <see cref="Currency"/>, as they are
/// written. Street, postal code, exact coordinates and check-in instructions are for the owner; others see the city and
/// the public point (<see cref="Listing.PublicLatitude"/>), which is within ~100 m.
/// </summary>
/// <summary>A listing's prices in a currency the guest reads, at the ECB reference rates of <paramref name="RatesAsOf"/>: for reading only.</summary>
public sealed record ListingDisplay(string Currency, DateOnly RatesAsOf, Money? NightlyPrice, Money? WeekendPrice, Money? CleaningFee, Money? PetFee)
{
    public static ListingDisplay Of(ListingResponse listing, CurrencyConverter converter)
    {
        Money? In(long? amount) => amount is { } a ? converter.Convert(new Money(a, listing.Currency)) : null;
        return new(converter.Currency, converter.AsOf, In(listing.NightlyPrice), In(listing.WeekendPrice), In(listing.CleaningFee), In(listing.PetFee));
    }
}

/// <remarks>
/// Immutable by contract: the public detail cache hands the same instance to every reader instead of deserializing a
/// copy per read, so nothing may change one (a <c>with</c> expression makes a new one).
/// </remarks>
[System.ComponentModel.ImmutableObject(true)]
public sealed record ListingResponse(
    Guid Id,
    Guid HostId,
    HostSummary Host,
    ListingStatus Status,
    string Title,
    string Description,
    PropertyType PropertyType,
    RoomType RoomType,
    Address Address,
    double? Latitude,
    double? Longitude,
    string? TimeZone,
    int MaxGuests,
    int Bedrooms,
    int Beds,
    decimal Bathrooms,
    IReadOnlyList<Amenity> Amenities,
    string HouseRules,
    TimeOnly CheckInTime,
    TimeOnly CheckOutTime,
    string Currency,
    long? NightlyPrice,
    long? WeekendPrice,
    long CleaningFee,
    long ExtraGuestFee,
    int ExtraGuestsAfter,
    int WeeklyDiscountPercent,
    int MonthlyDiscountPercent,
    int MinNights,
    int MaxNights,
    int AdvanceNoticeDays,
    int PreparationNights,
    int BookingWindowMonths,
    bool InstantBook,
    CancellationPolicy CancellationPolicy,
    IReadOnlyList<PhotoResponse> Photos,
    double? Rating,
    int ReviewCount,
    IReadOnlyList<string>? MissingForPublication,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    string? CheckInInstructions,
    InstantBookFor InstantBookFor,
    IReadOnlyList<DayOfWeek> CheckInDays,
    IReadOnlyList<DayOfWeek> CheckOutDays,
    int MaxPets,
    long PetFee,
    int LastMinuteDiscountPercent,
    int LastMinuteDays,
    int EarlyBirdDiscountPercent,
    int EarlyBirdMonths,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ListingDisplay? Display = null)
{
    /// <summary>The listing with its prices also in the currency asked for (<see cref="ListingDisplay"/>).</summary>
    public ListingResponse ShownIn(CurrencyConverter? converter) => converter is null ? this : this with { Display = ListingDisplay.Of(this, converter) };

    public static ListingResponse From(Listing l, HostSummary host, bool forOwner)
    {
        var address = forOwner ? l.Address : l.Address with { Street = null, PostalCode = null };
        return new ListingResponse(
            l.Id, l.HostId, host, l.Status, l.Title, l.Description, l.PropertyType, l.RoomType, address,
            forOwner ? l.Latitude : l.PublicLatitude, forOwner ? l.Longitude : l.PublicLongitude,
            l.TimeZone, l.MaxGuests, l.Bedrooms, l.Beds, l.Bathrooms,
            [.. l.Amenities.Where(AmenityCatalogue.IsKnown).Select(AmenityCatalogue.Get)],
            l.HouseRules, l.CheckInTime, l.CheckOutTime, l.Currency, l.NightlyPrice, l.WeekendPrice, l.CleaningFee,
            l.ExtraGuestFee, l.ExtraGuestsAfter, l.WeeklyDiscountPercent, l.MonthlyDiscountPercent, l.MinNights,
            l.MaxNights, l.AdvanceNoticeDays, l.PreparationNights, l.BookingWindowMonths, l.InstantBook,
            l.CancellationPolicy,
            [.. l.Photos.OrderBy(p => p.Position).Select(ToResponse)],
            l.RatingAverage, l.ReviewCount,
            forOwner ? l.MissingForPublication() : null,
            l.CreatedAt, l.UpdatedAt, l.PublishedAt,
            forOwner ? l.CheckInInstructions : null,
            l.InstantBookFor,
            StayDays.Days(l.CheckInDays),
            StayDays.Days(l.CheckOutDays),
            l.MaxPets,
            l.PetFee,
            l.LastMinuteDiscountPercent,
            l.LastMinuteDays,
            l.EarlyBirdDiscountPercent,
            l.EarlyBirdMonths);
    }

    public static PhotoResponse ToResponse(ListingPhoto p) => new(p.Id, p.Url, p.Caption, p.Position, p.ContentType, p.SizeBytes);
}

public sealed record ListingSummary(
    Guid Id,
    string Title,
    ListingStatus Status,
    string? City,
    string? CountryCode,
    string Currency,
    long? NightlyPrice,
    string? CoverPhotoUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record PublishProblem(IReadOnlyList<string> Missing);
