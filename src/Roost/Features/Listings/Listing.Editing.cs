using Roost.Platform.Time;
using Iso4217 = Roost.Platform.Money.Currency;

namespace Roost.Features.Listings;

public sealed partial class Listing
{
    /// <summary>
    /// Applies the given fields and answers what is wrong with the result (field -> messages); empty when valid.
    /// The caller saves only when it is empty, so a refused edit changes nothing.
    /// </summary>
    public Dictionary<string, string[]> Apply(ListingInput input, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Currency is { } currency && currency != Currency && Status != ListingStatus.Draft)
        {
            errors["currency"] = ["The currency can only change while the listing is a draft."];
        }

        Title = input.Title?.Trim() ?? Title;
        Description = input.Description?.Trim() ?? Description;
        PropertyType = input.PropertyType ?? PropertyType;
        RoomType = input.RoomType ?? RoomType;
        if (input.Address is { } address)
        {
            Address = new Address(Clean(address.Street), Clean(address.City), Clean(address.Region), Clean(address.PostalCode), address.CountryCode?.ToUpperInvariant());
        }

        Latitude = input.Latitude ?? Latitude;
        Longitude = input.Longitude ?? Longitude;
        TimeZone = input.TimeZone ?? TimeZone ?? TimeZones.DefaultFor(Address.CountryCode);
        MaxGuests = input.MaxGuests ?? MaxGuests;
        Bedrooms = input.Bedrooms ?? Bedrooms;
        Beds = input.Beds ?? Beds;
        Bathrooms = input.Bathrooms ?? Bathrooms;
        // A null in the list stays as an empty code, which the checks below refuse by name.
        Amenities = input.Amenities?.Select(a => (a ?? "").Trim().ToLowerInvariant()).Distinct().Order().ToList() ?? Amenities;
        HouseRules = input.HouseRules?.Trim() ?? HouseRules;
        CheckInInstructions = input.CheckInInstructions?.Trim() ?? CheckInInstructions;
        CheckInTime = input.CheckInTime ?? CheckInTime;
        CheckOutTime = input.CheckOutTime ?? CheckOutTime;
        Currency = input.Currency?.ToUpperInvariant() ?? Currency;
        NightlyPrice = input.NightlyPrice ?? NightlyPrice;
        // Zero removes the weekend price: weekends then cost the nightly price.
        WeekendPrice = input.WeekendPrice is { } weekend ? (weekend == 0 ? null : weekend) : WeekendPrice;
        CleaningFee = input.CleaningFee ?? CleaningFee;
        ExtraGuestFee = input.ExtraGuestFee ?? ExtraGuestFee;
        ExtraGuestsAfter = input.ExtraGuestsAfter ?? ExtraGuestsAfter;
        WeeklyDiscountPercent = input.WeeklyDiscountPercent ?? WeeklyDiscountPercent;
        MonthlyDiscountPercent = input.MonthlyDiscountPercent ?? MonthlyDiscountPercent;
        MinNights = input.MinNights ?? MinNights;
        MaxNights = input.MaxNights ?? MaxNights;
        AdvanceNoticeDays = input.AdvanceNoticeDays ?? AdvanceNoticeDays;
        PreparationNights = input.PreparationNights ?? PreparationNights;
        BookingWindowMonths = input.BookingWindowMonths ?? BookingWindowMonths;
        InstantBook = input.InstantBook ?? InstantBook;
        InstantBookFor = input.InstantBookFor ?? InstantBookFor;
        CheckInDays = input.CheckInDays is { } arrivals ? StayDays.Of(arrivals) : CheckInDays;
        CheckOutDays = input.CheckOutDays is { } departures ? StayDays.Of(departures) : CheckOutDays;
        CancellationPolicy = input.CancellationPolicy ?? CancellationPolicy;
        LastMinuteDiscountPercent = input.LastMinuteDiscountPercent ?? LastMinuteDiscountPercent;
        LastMinuteDays = input.LastMinuteDays ?? LastMinuteDays;
        EarlyBirdDiscountPercent = input.EarlyBirdDiscountPercent ?? EarlyBirdDiscountPercent;
        EarlyBirdMonths = input.EarlyBirdMonths ?? EarlyBirdMonths;
        MaxPets = input.MaxPets ?? MaxPets;
        PetFee = input.PetFee ?? PetFee;
        if (input.MaxPets is not null || input.Amenities is not null)
        {
            PetsAmenityFollowsMaxPets(input, errors);
        }

        UpdatedAt = now;

        foreach (var (field, message) in Problems())
        {
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        }

        return errors;
    }

    /// <summary>
    /// The pets_allowed amenity a guest filters on and the number of pets a booking may bring say the same thing:
    /// welcoming pets shows the amenity, and the amenity alone, with no number of pets, is refused.
    /// </summary>
    private void PetsAmenityFollowsMaxPets(ListingInput input, Dictionary<string, string[]> errors)
    {
        var listsPets = Amenities.Contains(AmenityCatalogue.PetsAllowed);
        if (MaxPets > 0 && !listsPets)
        {
            Amenities = [.. Amenities.Append(AmenityCatalogue.PetsAllowed).Order()];
        }
        else if (MaxPets == 0 && listsPets)
        {
            if (input.MaxPets is null)
            {
                errors["maxPets"] = ["Say how many pets are welcome (maxPets, 1 to 5) to list pets as allowed."];
            }
            else
            {
                Amenities = [.. Amenities.Where(a => a != AmenityCatalogue.PetsAllowed)];
            }
        }
    }

    private IEnumerable<(string Field, string Message)> Problems()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            yield return ("title", "A title is required.");
        }

        if (!Iso4217.IsKnown(Currency))
        {
            yield return ("currency", "Give a supported ISO 4217 currency code, such as EUR or USD.");
        }
        else
        {
            var max = Iso4217.MaxAmount(Currency);
            foreach (var (field, amount) in new[] { ("nightlyPrice", NightlyPrice), ("weekendPrice", WeekendPrice), ("cleaningFee", (long?)CleaningFee), ("extraGuestFee", ExtraGuestFee), ("petFee", PetFee) })
            {
                if (amount > max)
                {
                    yield return (field, $"At most {max} minor units of {Currency}.");
                }
            }
        }

        if (TimeZone is not null && !TimeZones.IsValid(TimeZone))
        {
            yield return ("timeZone", "Give an IANA time zone such as Europe/Lisbon.");
        }

        if (Address.CountryCode is { } country && !(country.Length == 2 && country.All(char.IsAsciiLetterUpper)))
        {
            yield return ("address.countryCode", "Give an ISO 3166-1 alpha-2 country code such as PT.");
        }

        if (Bathrooms % 0.5m != 0)
        {
            yield return ("bathrooms", "Bathrooms count in halves: 1, 1.5, 2 ...");
        }

        if (CheckInDays == 0)
        {
            yield return ("checkInDays", "Name at least one day a stay may start on.");
        }

        if (CheckOutDays == 0)
        {
            yield return ("checkOutDays", "Name at least one day a stay may end on.");
        }

        if (MinNights > MaxNights)
        {
            yield return ("minNights", "The minimum stay cannot be longer than the maximum stay.");
        }

        if (ExtraGuestsAfter > MaxGuests && ExtraGuestFee > 0)
        {
            yield return ("extraGuestsAfter", "Extra guests start after more guests than the listing sleeps.");
        }

        foreach (var unknown in Amenities.Where(a => !AmenityCatalogue.IsKnown(a)))
        {
            yield return ("amenities", unknown.Length == 0
                ? "An amenity code is empty or null."
                : $"'{unknown}' is not in the amenity catalogue (GET /api/v1/amenities).");
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
