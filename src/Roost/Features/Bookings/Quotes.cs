using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Time;

namespace Roost.Features.Bookings;

/// <summary>Why a stay cannot be booked: a stable code a client can switch on, and a sentence a guest can read.</summary>
public sealed record StayProblem(string Code, string Message);

/// <summary>
/// The nights a live booking holds, the occupancy that holds them, what each night cost when booked, and the day
/// (where the home is) it was booked on, from which last-minute and early-bird discounts count.
/// </summary>
public sealed record HeldStay(Guid OccupancyId, NightRange Nights, IReadOnlyDictionary<DateOnly, long> BookedPrices, DateOnly BookedOn)
{
    public static HeldStay Of(Guid occupancyId, NightRange nights, Quote booked, DateOnly bookedOn) =>
        new(occupancyId, nights, booked.Nightly.ToDictionary(n => n.Date, n => n.Price.Amount), bookedOn);

    /// <summary>Notice is for preparing an arrival: not needed for nights the stay holds, nor by a guest already there.</summary>
    public bool ExemptsFromNotice(DateOnly night, DateOnly today) => Nights.Contains(night) || Nights.Start <= today;
}

/// <summary>Prices a stay, or says every reason it cannot be booked, from the same calendar the guest sees.</summary>
public sealed class Quotes(RoostDb db, ListingCalendar calendar, IOptions<BookingOptions> options, TimeProvider time)
{
    public const int MaxGuests = 50;
    public const string NightsUnavailable = "nights_unavailable";

    public async Task<Outcome<Quote>> QuoteAsync(Guid listingId, DateOnly checkIn, DateOnly checkOut, Party party, CancellationToken cancellationToken)
    {
        if (ShapeProblem(checkIn, checkOut, party) is { } shape)
        {
            return shape;
        }

        var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null || !listing.IsVisibleTo(null, false))
        {
            return Failure.NotFound("The listing");
        }

        // As a guest sees it: until when it could be cancelled for free, and the offer to pay part now, where the stay has it.
        var quote = await QuoteAsync(listing, new NightRange(checkIn, checkOut), party, cancellationToken);
        var now = time.GetUtcNow();
        return quote.Failure is not null ? quote : quote.Value! with
        {
            PayPartNow = PartPayments.For(quote.Value!, listing, options.Value, now),
            FreeCancellationUntil = CancellationRules.FreeCancellationUntil(listing.CancellationPolicy, checkIn, listing.CheckInTime, listing.TimeZone!, now),
        };
    }

    /// <summary>For a listing already loaded.</summary>
    /// <param name="moving">
    /// The stay a booking holds now, when it asks for other dates: its own nights (and the preparation after them) do
    /// not stand in its way, the host's advance notice applies only to nights it does not hold already (and not at all
    /// once the guest has arrived), a stay under way keeps its check-in day in the past, and a night it
    /// keeps keeps the price it was booked at (a host's later price change is for nights not yet sold).
    /// </param>
    public async Task<Outcome<Quote>> QuoteAsync(Listing listing, NightRange stay, Party party, CancellationToken cancellationToken, HeldStay? moving = null)
    {
        var days = await calendar.DaysAsync(listing, stay, forOwner: true, cancellationToken, moving?.OccupancyId);
        var problems = await ProblemsAsync(listing, stay, party, days, moving, cancellationToken);
        if (problems.Count > 0)
        {
            return Unbookable(problems);
        }

        var (lastMinute, earlyBird) = listing.TimingDiscounts(stay.Start, moving?.BookedOn ?? TimeZones.Today(listing.TimeZone!, time.GetUtcNow()));
        return QuoteCalculator.Compute(
            new StayPricing(listing.Id, stay.Start, party, [.. days.Select(d => moving?.BookedPrices.GetValueOrDefault(d.Date) is > 0 and var booked ? booked : d.Price!.Amount)], listing.CleaningFee,
                listing.ExtraGuestFee, listing.ExtraGuestsAfter, listing.WeeklyDiscountPercent, listing.MonthlyDiscountPercent, listing.Currency, listing.PetFee,
                lastMinute, earlyBird),
            options.Value.RatesFor(listing.Address.CountryCode));
    }

    /// <summary>
    /// A host's own offer: the rules they set for strangers on notice, length of stay and changeover days give way (they chose these
    /// dates), the calendar and the size of the home do not; the nights cost what the host names, spread evenly, with
    /// no extra-guest fee or length discount on top (the host's figure is the accommodation), and the cleaning and pet
    /// fees, service fee and taxes as for any stay.
    /// </summary>
    public async Task<Outcome<Quote>> OfferAsync(Listing listing, NightRange stay, Party party, long accommodation, CancellationToken cancellationToken)
    {
        var days = await calendar.DaysAsync(listing, stay, forOwner: true, cancellationToken);
        var problems = (await ProblemsAsync(listing, stay, party, days, null, cancellationToken))
            .Where(p => p.Code is not ("advance_notice" or "below_minimum_stay" or "above_maximum_stay" or "check_in_day" or "check_out_day")).ToList();
        if (problems.Count > 0)
        {
            return Unbookable(problems);
        }

        var (each, left) = Math.DivRem(accommodation, stay.Nights);
        var nightly = Enumerable.Range(0, stay.Nights).Select(i => each + (i < left ? 1 : 0)).ToList();
        return QuoteCalculator.Compute(
            new StayPricing(listing.Id, stay.Start, party, nightly, listing.CleaningFee, 0, listing.ExtraGuestsAfter, 0, 0, listing.Currency, listing.PetFee),
            options.Value.RatesFor(listing.Address.CountryCode));
    }

    private static Failure Unbookable(List<StayProblem> problems) => Failure.Unprocessable(
        "These dates cannot be booked.",
        problems.GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

    public static Failure? ShapeProblem(DateOnly checkIn, DateOnly checkOut, Party party)
    {
        if (NightRange.BoundsProblem(checkIn, "checkIn", checkOut, "checkOut") is { } outOfBounds)
        {
            return outOfBounds;
        }

        if (checkOut <= checkIn)
        {
            return Failure.Validation("checkOut", "Check-out must be after check-in.");
        }

        if (checkOut.DayNumber - checkIn.DayNumber > 1095)
        {
            return Failure.Validation("checkOut", "A stay is at most three years.");
        }

        if (party.Guests is < 1 or > MaxGuests)
        {
            return Failure.Validation("guests", $"Between 1 and {MaxGuests} guests.");
        }

        if (party.Infants is < 0 or > Party.MaxInfants)
        {
            return Failure.Validation("infants", $"Between 0 and {Party.MaxInfants} infants.");
        }

        return party.Pets is < 0 or > Party.MaxPets ? Failure.Validation("pets", $"Between 0 and {Party.MaxPets} pets.") : null;
    }

    private async Task<List<StayProblem>> ProblemsAsync(
        Listing listing, NightRange stay, Party party, IReadOnlyList<CalendarDay> days, HeldStay? moving, CancellationToken cancellationToken)
    {
        var problems = new List<StayProblem>();
        if (listing.Status != ListingStatus.Published)
        {
            problems.Add(new("listing_not_published", "The listing is not taking bookings."));
        }

        if (listing.NightlyPrice is null || listing.TimeZone is null)
        {
            problems.Add(new("listing_not_published", "The listing has no price or time zone yet."));
            return problems;
        }

        if (party.Guests > listing.MaxGuests)
        {
            problems.Add(new("too_many_guests", $"The listing sleeps at most {listing.MaxGuests}."));
        }

        if (party.Pets > listing.MaxPets)
        {
            problems.Add(new("too_many_pets", listing.MaxPets == 0
                ? "The host does not take pets (assistance animals are not pets: do not count them)."
                : $"The host takes at most {listing.MaxPets} pet{(listing.MaxPets == 1 ? "" : "s")}."));
        }

        var today = TimeZones.Today(listing.TimeZone, time.GetUtcNow());
        if (stay.Start < today && stay.Start != moving?.Nights.Start)
        {
            problems.Add(new("check_in_in_past", $"Check-in {stay.Start:yyyy-MM-dd} is in the past where the home is (today is {today:yyyy-MM-dd})."));
        }
        else if (days.Any(d => d.Reason == "notice" && moving?.ExemptsFromNotice(d.Date, today) != true))
        {
            problems.Add(new("advance_notice", $"The host needs {listing.AdvanceNoticeDays} days' notice."));
        }

        // A stay under way keeps the day it began on, whatever the host allows now.
        if (!StayDays.Allows(listing.CheckInDays, stay.Start) && stay.Start != moving?.Nights.Start)
        {
            problems.Add(new("check_in_day", $"Stays here start on {StayDays.Describe(listing.CheckInDays)}."));
        }

        if (!StayDays.Allows(listing.CheckOutDays, stay.End))
        {
            problems.Add(new("check_out_day", $"Stays here end on {StayDays.Describe(listing.CheckOutDays)}."));
        }

        if (days.Any(d => d.Reason == "window"))
        {
            problems.Add(new("beyond_booking_window", $"The host takes bookings at most {listing.BookingWindowMonths} months ahead."));
        }

        var taken = days.Where(d => d.Reason is "booked" or "blocked" or "imported" or "preparation").Select(d => d.Date).ToList();
        taken.AddRange(await NightsBeforeNextBookingAsync(listing, stay, moving?.OccupancyId, cancellationToken));
        if (taken.Count > 0)
        {
            problems.Add(new(NightsUnavailable, $"Not available: {string.Join(", ", taken.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd")))}."));
        }

        var minimum = days[0].MinNights;
        if (stay.Nights < minimum)
        {
            problems.Add(new("below_minimum_stay", $"Stays starting {stay.Start:yyyy-MM-dd} are at least {minimum} nights."));
        }

        if (stay.Nights > listing.MaxNights)
        {
            problems.Add(new("above_maximum_stay", $"Stays are at most {listing.MaxNights} nights."));
        }

        return problems;
    }

    /// <summary>This stay's own preparation nights must not run into the next booking.</summary>
    private async Task<IEnumerable<DateOnly>> NightsBeforeNextBookingAsync(Listing listing, NightRange stay, Guid? besides, CancellationToken cancellationToken)
    {
        if (listing.PreparationNights == 0)
        {
            return [];
        }

        var bufferEnd = stay.End.AddDays(listing.PreparationNights);
        var following = db.Occupancies.AsNoTracking()
            .Where(o => o.ListingId == listing.Id && o.Kind == OccupancyKind.Booking && o.StartsOn >= stay.End && o.StartsOn < bufferEnd);
        if (besides is { } own)
        {
            following = following.Where(o => o.Id != own);
        }

        var next = await following.Select(o => (DateOnly?)o.StartsOn).MinAsync(cancellationToken);
        return next is { } start ? [start] : [];
    }
}
