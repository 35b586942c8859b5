using System.Globalization;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost.Features.Search;

public enum SearchSort
{
    Relevance,
    Price,
    PriceDescending,
    Rating,
    Newest,
    Distance,
}

public sealed record GeoBox(double SwLat, double SwLng, double NeLat, double NeLng);

public sealed record GeoCircle(double Lat, double Lng, double RadiusKm);

/// <summary>A search, validated: every field here is safe to turn into SQL parameters.</summary>
public sealed record SearchParameters(
    string? Location,
    GeoBox? Box,
    GeoCircle? Circle,
    DateOnly? CheckIn,
    DateOnly? CheckOut,
    int Guests,
    long? MinPrice,
    long? MaxPrice,
    IReadOnlyList<PropertyType> PropertyTypes,
    IReadOnlyList<RoomType> RoomTypes,
    IReadOnlyList<string> Amenities,
    bool? InstantBook,
    int? MinBedrooms,
    int? MinBeds,
    decimal? MinBathrooms,
    SearchSort Sort,
    int Limit,
    SearchCursor? After,
    IReadOnlyList<CancellationPolicy>? CancellationPolicies = null,
    IReadOnlyList<InstantBookFor>? InstantRulesAdmitting = null,
    int Pets = 0,
    DateTimeOffset? PublishedAfter = null,
    bool Superhost = false,
    string? DisplayCurrency = null)
{
    public const int MaxLimit = 50;
    public const double MaxRadiusKm = 500;

    public bool HasDates => CheckIn is not null;

    /// <summary>Reads the query string of GET /listings; every bad value is a 400 naming its parameter.</summary>
    public static Outcome<SearchParameters> Parse(IQueryCollection query, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Bad(string name, string message) => errors[name] = [message];

        string? Text(string name) => query[name].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        int? Int(string name, int min, int max)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Bad(name, $"A whole number from {min} to {max}.");
            return null;
        }

        double[]? Numbers(string name, int count)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            var parts = text.Split(',');
            var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : double.NaN).ToArray();
            if (parts.Length == count && numbers.All(double.IsFinite))
            {
                return numbers;
            }

            Bad(name, $"{count} comma-separated numbers.");
            return null;
        }

        DateOnly? Date(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && NightRange.IsPlausible(date))
            {
                return date;
            }

            Bad(name, $"A date as YYYY-MM-DD, from {NightRange.Earliest:yyyy-MM-dd} to {NightRange.Latest:yyyy-MM-dd}.");
            return null;
        }

        List<T> Enums<T>(string name)
            where T : struct, Enum
        {
            var values = new List<T>();
            foreach (var item in (Text(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pascal = string.Concat(item.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
                if (Enum.TryParse<T>(pascal, ignoreCase: true, out var value) && Enum.IsDefined(value) && !item.Any(char.IsDigit))
                {
                    values.Add(value);
                }
                else
                {
                    Bad(name, $"'{item}' is not a known value.");
                }
            }

            return values;
        }

        var location = Text("location");
        if (location?.Length > 100)
        {
            Bad("location", "At most 100 characters.");
        }
        else if (NulCharacter.IsIn(location))
        {
            // Refused here for both doors (GraphQL passes it through), not left to PostgreSQL to refuse.
            Bad("location", $"location {NulCharacter.Problem}");
        }

        GeoBox? box = null;
        if (Numbers("bbox", 4) is { } b)
        {
            if (b[0] is < -90 or > 90 || b[2] is < -90 or > 90 || b[1] is < -180 or > 180 || b[3] is < -180 or > 180)
            {
                Bad("bbox", "Latitudes within ±90, longitudes within ±180.");
            }
            else if (b[0] > b[2])
            {
                Bad("bbox", "The south-west latitude must not be north of the north-east one.");
            }
            else
            {
                box = new GeoBox(b[0], b[1], b[2], b[3]);
            }
        }

        GeoCircle? circle = null;
        var lat = Numbers("lat", 1);
        var lng = Numbers("lng", 1);
        var radius = Numbers("radiusKm", 1);
        if (lat is not null || lng is not null || radius is not null)
        {
            if (lat is null || lng is null)
            {
                Bad("lat", "lat and lng go together.");
            }
            else if (lat[0] is < -90 or > 90 || lng[0] is < -180 or > 180)
            {
                Bad("lat", "Latitude within ±90, longitude within ±180.");
            }
            else if (radius is not null && radius[0] is <= 0 or > MaxRadiusKm)
            {
                Bad("radiusKm", $"Greater than 0 and at most {MaxRadiusKm} km.");
            }
            else
            {
                circle = new GeoCircle(lat[0], lng[0], radius?[0] ?? 25);
            }
        }

        var checkIn = Date("checkIn");
        var checkOut = Date("checkOut");
        if ((checkIn is null) != (checkOut is null) && !errors.ContainsKey("checkIn") && !errors.ContainsKey("checkOut"))
        {
            Bad(checkIn is null ? "checkIn" : "checkOut", "checkIn and checkOut go together.");
        }
        else if (checkIn is { } ci && checkOut is { } co)
        {
            if (co <= ci)
            {
                Bad("checkOut", "Check-out must be after check-in.");
            }
            else if (ci < today.AddDays(-1))
            {
                // A day of slack: "today" differs across the listings' time zones; each listing checks its own.
                Bad("checkIn", "Check-in is in the past.");
            }
            else if (co.DayNumber - ci.DayNumber > 1095)
            {
                Bad("checkOut", "A stay is at most three years.");
            }
        }

        var guests = Int("guests", 1, 50) ?? 1;
        var pets = Int("pets", 0, Party.MaxPets) ?? 0;
        var minPrice = Int("minPrice", 0, int.MaxValue);
        var maxPrice = Int("maxPrice", 0, int.MaxValue);
        if (minPrice > maxPrice)
        {
            Bad("minPrice", "minPrice is above maxPrice.");
        }

        var amenities = (Text("amenities") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()).Distinct().ToList();
        foreach (var unknown in amenities.Where(a => !AmenityCatalogue.IsKnown(a)))
        {
            Bad("amenities", $"'{unknown}' is not in the amenity catalogue.");
        }

        bool? instantBook = null;
        if (Text("instantBook") is { } ib)
        {
            if (bool.TryParse(ib, out var value))
            {
                instantBook = value;
            }
            else
            {
                Bad("instantBook", "true or false.");
            }
        }

        var displayCurrency = Text("currency")?.ToUpperInvariant();
        if (displayCurrency is not null && !Currency.IsKnown(displayCurrency))
        {
            Bad("currency", "An ISO 4217 code Roost knows, such as EUR, USD or JPY.");
        }

        var superhost = false;
        if (Text("superhost") is { } sh && !bool.TryParse(sh, out superhost))
        {
            Bad("superhost", "true or false.");
        }

        decimal? minBathrooms = null;
        if (Numbers("minBathrooms", 1) is { } bath)
        {
            if (bath[0] is >= 0 and <= 50)
            {
                minBathrooms = (decimal)bath[0];
            }
            else
            {
                Bad("minBathrooms", "A number from 0 to 50.");
            }
        }

        var sort = (Text("sort") ?? "relevance") switch
        {
            "relevance" => SearchSort.Relevance,
            "price" => SearchSort.Price,
            "-price" => SearchSort.PriceDescending,
            "rating" => SearchSort.Rating,
            "newest" => SearchSort.Newest,
            "distance" => SearchSort.Distance,
            var other => Invalid(other),
        };
        SearchSort Invalid(string value)
        {
            Bad("sort", $"'{value}' is not one of relevance, price, -price, rating, newest, distance.");
            return SearchSort.Relevance;
        }

        if (sort == SearchSort.Distance && circle is null && !errors.ContainsKey("sort"))
        {
            Bad("sort", "Sorting by distance needs a point: lat and lng.");
        }

        var limit = Int("limit", 1, MaxLimit) ?? 20;
        if (!Cursor.TryDecode<SearchCursor>(Text("cursor"), out var after) || (after is not null && after.Sort != sort))
        {
            Bad("cursor", "The cursor is not one this search gave out.");
        }

        var propertyTypes = Enums<PropertyType>("propertyType");
        var roomTypes = Enums<RoomType>("roomType");
        var policies = Enums<CancellationPolicy>("cancellationPolicy");
        var minBedrooms = Int("minBedrooms", 0, 50);
        var minBeds = Int("minBeds", 0, 100);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        return new SearchParameters(
            location, box, circle, checkIn, checkOut, guests, minPrice, maxPrice, propertyTypes, roomTypes,
            amenities, instantBook, minBedrooms, minBeds, minBathrooms, sort, limit, after, policies, Pets: pets, Superhost: superhost, DisplayCurrency: displayCurrency);
    }
}

/// <summary>Where the previous page ended: the sort value and id of its last listing.</summary>
public sealed record SearchCursor(SearchSort Sort, double Key, Guid Id, DateTimeOffset AsOf);
