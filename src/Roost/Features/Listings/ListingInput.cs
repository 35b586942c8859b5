using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Listings;

/// <summary>
/// The fields a host sets, for create and for PATCH alike: an absent field is left as it is. Id, host, status,
/// ratings and timestamps are not here, so a client can never set them.
/// </summary>
public sealed record ListingInput(
    [MinLength(1), MaxLength(100)] string? Title = null,
    [MaxLength(5000)] string? Description = null,
    PropertyType? PropertyType = null,
    RoomType? RoomType = null,
    AddressInput? Address = null,
    [Range(-90.0, 90.0)] double? Latitude = null,
    [Range(-180.0, 180.0)] double? Longitude = null,
    [MaxLength(64)] string? TimeZone = null,
    [Range(1, 50)] int? MaxGuests = null,
    [Range(0, 50)] int? Bedrooms = null,
    [Range(0, 100)] int? Beds = null,
    [Range(0.0, 50.0)] decimal? Bathrooms = null,
    [MaxLength(60)] string[]? Amenities = null,
    [MaxLength(5000)] string? HouseRules = null,
    TimeOnly? CheckInTime = null,
    TimeOnly? CheckOutTime = null,
    [StringLength(3, MinimumLength = 3)] string? Currency = null,
    [Range(typeof(long), "1", "9223372036854775807")] long? NightlyPrice = null,
    [Range(typeof(long), "0", "9223372036854775807")] long? WeekendPrice = null,
    [Range(typeof(long), "0", "9223372036854775807")] long? CleaningFee = null,
    [Range(typeof(long), "0", "9223372036854775807")] long? ExtraGuestFee = null,
    [Range(1, 50)] int? ExtraGuestsAfter = null,
    [Range(0, 90)] int? WeeklyDiscountPercent = null,
    [Range(0, 90)] int? MonthlyDiscountPercent = null,
    [Range(1, 365)] int? MinNights = null,
    [Range(1, 1095)] int? MaxNights = null,
    [Range(0, 365)] int? AdvanceNoticeDays = null,
    [Range(0, Listing.MaxPreparationNights)] int? PreparationNights = null,
    [Range(1, 24)] int? BookingWindowMonths = null,
    bool? InstantBook = null,
    CancellationPolicy? CancellationPolicy = null,
    [MaxLength(5000)] string? CheckInInstructions = null,
    InstantBookFor? InstantBookFor = null,
    [MaxLength(7)] DayOfWeek[]? CheckInDays = null,
    [MaxLength(7)] DayOfWeek[]? CheckOutDays = null,
    [Range(0, Bookings.Party.MaxPets)] int? MaxPets = null,
    [Range(typeof(long), "0", "9223372036854775807")] long? PetFee = null,
    [Range(0, 90)] int? LastMinuteDiscountPercent = null,
    [Range(1, Listing.MaxLastMinuteDays)] int? LastMinuteDays = null,
    [Range(0, 90)] int? EarlyBirdDiscountPercent = null,
    [Range(1, Listing.MaxEarlyBirdMonths)] int? EarlyBirdMonths = null);

public sealed record AddressInput(
    [MaxLength(200)] string? Street,
    [MinLength(1), MaxLength(100)] string? City,
    [MaxLength(100)] string? Region,
    [MaxLength(20)] string? PostalCode,
    [StringLength(2, MinimumLength = 2)] string? CountryCode);
