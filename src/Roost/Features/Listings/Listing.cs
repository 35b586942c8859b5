using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Roost.Features.Listings;

public sealed partial class Listing
{
    /// <summary>The most nights a host may keep free after each stay; calendar reads look back this far, no further.</summary>
    public const int MaxPreparationNights = 30;

    private Listing()
    {
    }

    public Guid Id { get; private set; }

    public Guid HostId { get; private set; }

    public ListingStatus Status { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public PropertyType PropertyType { get; private set; }

    public RoomType RoomType { get; private set; }

    public Address Address { get; private set; } = new(null, null, null, null, null);

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>
    /// The position everyone but the host sees and searches by: the exact one rounded to a grid of ~100 m, worked out
    /// by the database, so no answer (a result's coordinates, a radius or box filter, a distance) ever gives the home away.
    /// </summary>
    public double? PublicLatitude { get; private set; }

    public double? PublicLongitude { get; private set; }

    public string? TimeZone { get; private set; }

    public int MaxGuests { get; private set; } = 1;

    public int Bedrooms { get; private set; }

    public int Beds { get; private set; } = 1;

    public decimal Bathrooms { get; private set; } = 1;

    public List<string> Amenities { get; private set; } = [];

    public string HouseRules { get; private set; } = "";

    /// <summary>How to get in (key box, door code, parking): for the host and for guests with a confirmed stay.</summary>
    public string CheckInInstructions { get; private set; } = "";

    public TimeOnly CheckInTime { get; private set; } = new(15, 0);

    public TimeOnly CheckOutTime { get; private set; } = new(11, 0);

    public string Currency { get; private set; } = "";

    public long? NightlyPrice { get; private set; }

    /// <summary>Friday and Saturday nights, when set.</summary>
    public long? WeekendPrice { get; private set; }

    public long CleaningFee { get; private set; }

    public long ExtraGuestFee { get; private set; }

    /// <summary>How many pets a party may bring; 0 means none (and then the listing does not show pets_allowed).</summary>
    public int MaxPets { get; private set; }

    /// <summary>Charged once a stay when the party brings a pet.</summary>
    public long PetFee { get; private set; }

    public int ExtraGuestsAfter { get; private set; } = 1;

    public int WeeklyDiscountPercent { get; private set; }

    public int MonthlyDiscountPercent { get; private set; }

    public int MinNights { get; private set; } = 1;

    public int MaxNights { get; private set; } = 365;

    public int AdvanceNoticeDays { get; private set; }

    public int PreparationNights { get; private set; }

    public int BookingWindowMonths { get; private set; } = 12;

    /// <summary>Weekdays a stay may start on (<see cref="StayDays"/>).</summary>
    public int CheckInDays { get; private set; } = StayDays.Every;

    /// <summary>Weekdays a stay may end on.</summary>
    public int CheckOutDays { get; private set; } = StayDays.Every;

    public bool InstantBook { get; private set; }

    public InstantBookFor InstantBookFor { get; private set; }

    public CancellationPolicy CancellationPolicy { get; private set; } = CancellationPolicy.Moderate;

    /// <summary>Secret of the iCalendar export URL; rotating it cuts off every site that imported the old one.</summary>
    public string CalendarToken { get; private set; } = "";

    /// <summary>Maintained by the reviews feature when reviews are published, never recomputed on read.</summary>
    public double? RatingAverage { get; private set; }

    public int ReviewCount { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public List<ListingPhoto> Photos { get; private set; } = [];

    /// <summary>Why an admin suspended it, and the status it goes back to when reinstated.</summary>
    public string? SuspensionReason { get; private set; }

    public ListingStatus? StatusBeforeSuspension { get; private set; }

    /// <summary>Suspended because its host was, so reinstating the host brings it back (and nothing suspended on its own).</summary>
    public bool SuspendedWithHost { get; private set; }

    public bool IsVisibleTo(Guid? viewerId, bool viewerIsAdmin) => Status switch
    {
        ListingStatus.Published or ListingStatus.Unlisted => true,
        _ => viewerIsAdmin || viewerId == HostId,
    };

    public static Listing CreateDraft(Guid hostId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        HostId = hostId,
        Status = ListingStatus.Draft,
        CalendarToken = NewCalendarToken(),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void RotateCalendarToken(DateTimeOffset now)
    {
        CalendarToken = NewCalendarToken();
        UpdatedAt = now;
    }

    /// <summary>What a guest needs before the listing can be shown; empty when it can be published.</summary>
    public IReadOnlyList<string> MissingForPublication()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            missing.Add("title");
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            missing.Add("description");
        }

        if (string.IsNullOrWhiteSpace(Address.City) || string.IsNullOrWhiteSpace(Address.CountryCode))
        {
            missing.Add("address");
        }

        // Named as the request names them, so a client can point at the field to fill in.
        if (Latitude is null)
        {
            missing.Add("latitude");
        }

        if (Longitude is null)
        {
            missing.Add("longitude");
        }

        if (TimeZone is null)
        {
            missing.Add("timeZone");
        }

        if (NightlyPrice is null)
        {
            missing.Add("nightlyPrice");
        }

        if (Photos.Count == 0)
        {
            missing.Add("photos");
        }

        return missing;
    }

    public bool Publish(DateTimeOffset now)
    {
        if (Status is not (ListingStatus.Draft or ListingStatus.Unlisted) || MissingForPublication().Count > 0)
        {
            return false;
        }

        Status = ListingStatus.Published;
        PublishedAt ??= now;
        UpdatedAt = now;
        return true;
    }

    public bool Unpublish(DateTimeOffset now)
    {
        if (Status != ListingStatus.Published)
        {
            return false;
        }

        Status = ListingStatus.Unlisted;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Archiving is final; bookings already made keep their snapshot of the listing.</summary>
    public bool Archive(DateTimeOffset now)
    {
        if (Status == ListingStatus.Archived)
        {
            return false;
        }

        Status = ListingStatus.Archived;
        UpdatedAt = now;
        return true;
    }

    public bool Suspend(string reason, bool withHost, DateTimeOffset now)
    {
        if (Status is ListingStatus.Archived or ListingStatus.Suspended)
        {
            return false;
        }

        StatusBeforeSuspension = Status;
        Status = ListingStatus.Suspended;
        SuspensionReason = reason;
        SuspendedWithHost = withHost;
        UpdatedAt = now;
        return true;
    }

    public bool Reinstate(DateTimeOffset now)
    {
        if (Status != ListingStatus.Suspended)
        {
            return false;
        }

        Status = StatusBeforeSuspension ?? ListingStatus.Unlisted;
        StatusBeforeSuspension = null;
        SuspensionReason = null;
        SuspendedWithHost = false;
        UpdatedAt = now;
        return true;
    }

    private static string NewCalendarToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
}
