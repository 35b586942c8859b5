using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Features.Payments;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Money;
using Roost.Platform.Time;

namespace Roost.Features.Bookings;

/// <summary>
/// Changing a confirmed stay before it begins: other dates, another number of guests, or both. One side asks, the
/// other accepts or declines; acceptance moves the booking's nights (the exclusion constraint decides a race for
/// them, as for any booking), charges the guest's card for a dearer stay or refunds the difference of a cheaper one,
/// and schedules the host's payouts again — all in one transaction under the booking's row lock, so a cancellation
/// or a second answer waits and then finds it done.
/// </summary>
public sealed partial class BookingChanges(
    RoostDb db,
    Quotes quotes,
    IPaymentGateway gateway,
    BookingLedger ledger,
    BookingRefunds refunds,
    ListingChanges listingChanges,
    IOptions<BookingOptions> options,
    TimeProvider time)
{
    /// <summary>What the stay would cost on the new terms, and the difference to what was paid; nothing is asked.</summary>
    public async Task<Outcome<ChangeQuote>> QuoteAsync(Guid bookingId, ChangeTerms terms, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId))
        {
            return Failure.NotFound("The booking");
        }

        var priced = await PriceAsync(booking, terms, cancellationToken);
        return priced.Failure is { } failure ? failure : new ChangeQuote(priced.Value!, new Money(priced.Value!.Total.Amount - booking.Total, booking.Currency));
    }

    public async Task<Outcome<ChangeResponse>> ProposeAsync(Guid bookingId, ChangeTerms terms, string? message, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (booking, actor, failure) = await LockAsync(bookingId, user, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (actor.Role == "admin")
        {
            return Failure.Forbidden("The guest or the host asks for a change; the other one answers.");
        }

        var priced = await PriceAsync(booking!, terms, cancellationToken);
        if (priced.Failure is { } unpriced)
        {
            return unpriced;
        }

        var now = time.GetUtcNow();
        if (await db.Set<BookingChange>().SingleOrDefaultAsync(c => c.BookingId == bookingId && c.Status == BookingChangeStatus.Pending, cancellationToken) is { } waiting)
        {
            if (waiting.ExpiresAt > now)
            {
                return Failure.Conflict("A change to this stay is already waiting for an answer.", "Withdraw it, or wait for the answer, before asking for another.");
            }

            // Lapsed, and the sweep has not come by yet: it closes here, and its asker hears of it as from the sweep.
            waiting.Expire(now);
            BookingNotices.ChangeExpired(db, booking!, waiting, now);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        // Never past the moment the stay (as booked, or as asked) would begin, or, for a stay under way, past its
        // present check-out: an answer after that is too late.
        var firstDay = terms.CheckIn < booking!.CheckIn ? terms.CheckIn : booking.CheckIn;
        var expiresAt = booking.IsUnderWay(now)
            ? (now + options.Value.RequestLifetime < booking.CheckOutAt ? now + options.Value.RequestLifetime : booking.CheckOutAt)
            : Booking.AnswerDeadline(now, options.Value.RequestLifetime, firstDay, booking.CheckInTime, booking.TimeZone);
        var change = BookingChange.Propose(booking, actor, priced.Value!, message?.Trim(), expiresAt, now);
        db.Add(change);
        BookingNotices.ChangeAsked(db, booking, change, now);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return ChangeResponse.From(change);
    }

    public async Task<Outcome<IReadOnlyList<ChangeResponse>>> ListAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var parties = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => new { b.GuestId, b.HostId }).SingleOrDefaultAsync(cancellationToken);
        if (parties is null || !user.IsParticipantOrAdmin(parties.GuestId, parties.HostId))
        {
            return Failure.NotFound("The booking");
        }

        var changes = await db.Set<BookingChange>().AsNoTracking().Where(c => c.BookingId == bookingId)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        return changes.Select(ChangeResponse.From).ToList();
    }

    /// <summary>Every change asked on the stays a user booked or hosted, newest first: their data export.</summary>
    public async Task<IReadOnlyList<ChangeResponse>> AllOfUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var bookings = db.Bookings;
        var changes = await db.Set<BookingChange>().AsNoTracking()
            .Where(c => bookings.Any(b => b.Id == c.BookingId && (b.GuestId == userId || b.HostId == userId)))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        return [.. changes.Select(ChangeResponse.From)];
    }

    /// <summary>What the gateway keeps with a change's payment: not a booking id, so a payment whose change never committed is given back by reconciliation, never read as the booking's own.</summary>
    public static string ChangeReference(Guid bookingId, Guid changeId) => $"{bookingId}:change:{changeId}";

    private async Task<Outcome<Quote>> PriceAsync(Booking booking, ChangeTerms terms, CancellationToken cancellationToken)
    {
        var party = terms.PartyFor(booking);
        if (Quotes.ShapeProblem(terms.CheckIn, terms.CheckOut, party) is { } shape)
        {
            return shape;
        }

        if (booking.ChangeRefusal(time.GetUtcNow(), terms.CheckIn, terms.CheckOut, party) is { } refused)
        {
            return refused;
        }

        if (terms.CheckIn == booking.CheckIn && terms.CheckOut == booking.CheckOut && party == booking.Quote.Party)
        {
            return Failure.Unprocessable("That is the stay as it is booked; change the dates or who is coming.");
        }

        if (party.Guests < booking.Guests && await db.Set<TripGuest>().CountAsync(g => g.BookingId == booking.Id, cancellationToken) is var companions && companions > party.Guests - 1)
        {
            return Failure.Unprocessable($"{companions} travel companion{(companions == 1 ? " is" : "s are")} invited to this stay; remove some before making it for {party.Guests}.",
                new Dictionary<string, string[]> { ["guests"] = [$"At least {companions + 1}: the guest and the companions invited."] });
        }

        var listing = await db.Listings.AsNoTracking().SingleAsync(l => l.Id == booking.ListingId, cancellationToken);
        if (listing.Currency != booking.Currency)
        {
            return Failure.Conflict("The listing is priced in another currency since this stay was booked; cancel and book again.");
        }

        var quote = await quotes.QuoteAsync(listing, new NightRange(terms.CheckIn, terms.CheckOut), party, cancellationToken,
            HeldStay.Of(booking.OccupancyId!.Value, new NightRange(booking.CheckIn, booking.CheckOut), booking.Quote, TimeZones.Today(booking.TimeZone, booking.CreatedAt)));
        return quote.Failure?.Errors?.ContainsKey(Quotes.NightsUnavailable) == true
            ? quote.Failure with { Status = StatusCodes.Status409Conflict, Code = "CONFLICT" }
            : quote;
    }

    private async Task<(Booking? Booking, Actor Actor, Failure? Failure)> LockAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.LockedBookingAsync(bookingId, cancellationToken);
        var me = user.UserId();
        if (booking is null || !user.IsParticipantOrAdmin(booking.GuestId, booking.HostId))
        {
            return (null, Actor.System, Failure.NotFound("The booking"));
        }

        var actor = booking.HostId == me ? new Actor(me, "host") : booking.GuestId == me ? new Actor(me, "guest") : new Actor(me, "admin");
        return (booking, actor, null);
    }
}
