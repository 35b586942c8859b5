using Roost.Features.Listings;
using Roost.Platform.Errors;
using Roost.Platform.Time;

namespace Roost.Features.Bookings;

public enum BookingStatus
{
    Pending,
    Confirmed,
    Declined,
    Expired,
    CancelledByGuest,
    CancelledByHost,
    Completed,
    /// <summary>Roost (an admin) called it off: a suspended account, fraud, a home that is not there. Refunded in full, held against neither side.</summary>
    CancelledByRoost,
}

/// <summary>Who made a transition: a user in a role, or the system (jobs).</summary>
public sealed record Actor(Guid? UserId, string Role)
{
    public static readonly Actor System = new(null, "system");
}

/// <summary>
/// A stay and its lifecycle. Every transition is a method here that checks the current state and records who, when
/// and why; the quote and cancellation policy are snapshots, so later listing edits never change a booking.
/// </summary>
public sealed partial class Booking
{
    private Booking()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid GuestId { get; private set; }

    public Guid HostId { get; private set; }

    public DateOnly CheckIn { get; private set; }

    public DateOnly CheckOut { get; private set; }

    public int Guests { get; private set; }

    public BookingStatus Status { get; private set; }

    public Quote Quote { get; private set; } = null!;

    /// <summary>The co-hosts' shares of the host payout when the stay was booked (null when none): later changes to the team do not reach it.</summary>
    public IReadOnlyList<CoHostPayout>? CoHostPayouts { get; private set; }

    public string Currency { get; private set; } = "";

    public long Total { get; private set; }

    public CancellationPolicy CancellationPolicy { get; private set; }

    public string TimeZone { get; private set; } = "";

    public TimeOnly CheckInTime { get; private set; }

    /// <summary>The listing's check-out hour when booked, as the guest reads it.</summary>
    public TimeOnly CheckOutTime { get; private set; }

    /// <summary>
    /// Check-out where the home is, as an instant, worked out once when booked: the stay is over, listed as past and
    /// completed from then, and every query that asks compares against this one value.
    /// </summary>
    public DateTimeOffset CheckOutAt { get; private set; }

    public string? Message { get; private set; }

    /// <summary>When the guest expects to arrive on the check-in day, local time where the home is; null until they say.</summary>
    public TimeOnly? ExpectedArrival { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The nights this booking holds while it is live; null once it no longer does.</summary>
    public Guid? OccupancyId { get; private set; }

    public string PaymentMethod { get; private set; } = "";

    public string? PaymentIntentId { get; private set; }

    public long AmountCaptured { get; private set; }

    public long AmountRefunded { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public List<BookingTransition> Transitions { get; private set; } = [];

    public bool IsLive => Status is BookingStatus.Pending or BookingStatus.Confirmed;

    public static Booking Create(
        Guid id, Listing listing, bool instant, Guid guestId, Quote quote, string paymentMethod, string? message, Guid occupancyId, DateTimeOffset now, TimeSpan requestLifetime,
        bool offered = false)
    {
        var booking = new Booking
        {
            Id = id,
            ListingId = listing.Id,
            GuestId = guestId,
            HostId = listing.HostId,
            CheckIn = quote.CheckIn,
            CheckOut = quote.CheckOut,
            Guests = quote.Guests,
            Quote = quote,
            CoHostPayouts = listing.CoHostPayouts,
            Currency = quote.Total.Currency,
            Total = quote.Total.Amount,
            CancellationPolicy = listing.CancellationPolicy,
            TimeZone = listing.TimeZone!,
            CheckInTime = listing.CheckInTime,
            CheckOutTime = listing.CheckOutTime,
            CheckOutAt = CancellationRules.InstantAt(quote.CheckOut, listing.CheckOutTime, listing.TimeZone!),
            Message = message,
            OccupancyId = occupancyId,
            PaymentMethod = paymentMethod,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var actor = new Actor(guestId, "guest");
        if (instant)
        {
            booking.Move(BookingStatus.Confirmed, actor, offered ? "special_offer" : "instant_book", now, initial: true);
        }
        else
        {
            booking.ExpiresAt = AnswerDeadline(now, requestLifetime, quote.CheckIn, listing.CheckInTime, listing.TimeZone!);
            // An instant-book listing whose host asks more of guests than this one has: a request, saying why.
            booking.Move(BookingStatus.Pending, actor, listing.InstantBook ? "instant_book_requirements_not_met" : "request_to_book", now, initial: true);
        }

        return booking;
    }

    /// <summary>
    /// When a request lapses unanswered: after the request lifetime, or when the guest is due to arrive if that comes
    /// first, so no host accepts (and no card is charged for) a stay that has already begun. A same-day request made
    /// after the check-in hour has until that day ends where the home is.
    /// </summary>
    public static DateTimeOffset AnswerDeadline(DateTimeOffset now, TimeSpan lifetime, DateOnly checkIn, TimeOnly checkInTime, string timeZone)
    {
        var arrival = CancellationRules.InstantAt(checkIn, checkInTime, timeZone);
        if (arrival <= now)
        {
            arrival = CancellationRules.InstantAt(checkIn.AddDays(1), TimeOnly.MinValue, timeZone);
        }

        var latest = now + lifetime;
        return arrival < latest ? arrival : latest;
    }

    /// <param name="savedMethod">The card as the gateway saved it, which later charges name; null keeps the one given.</param>
    public void PaymentAuthorized(string intentId, long captured, string? savedMethod)
    {
        PaymentIntentId = intentId;
        AmountCaptured = captured;
        PaymentMethod = savedMethod ?? PaymentMethod;
    }

    public Failure? Accept(Actor actor, long captured, DateTimeOffset now)
    {
        if (Status != BookingStatus.Pending)
        {
            return NotFrom("accepted");
        }

        AmountCaptured = captured;
        ExpiresAt = null;
        Move(BookingStatus.Confirmed, actor, "accepted", now);
        return null;
    }

    public Failure? Decline(Actor actor, string? reason, DateTimeOffset now) =>
        Status != BookingStatus.Pending ? NotFrom("declined") : End(BookingStatus.Declined, actor, reason ?? "declined", now);

    /// <summary>Only at or after the deadline, so an early or duplicate job run changes nothing.</summary>
    public Failure? Expire(DateTimeOffset now) =>
        Status != BookingStatus.Pending || ExpiresAt > now ? NotFrom("expired") : End(BookingStatus.Expired, Actor.System, "request_not_answered", now);

    /// <summary>
    /// Why this side may not cancel now, or null: a guest may withdraw a request or cancel a confirmed stay, a host
    /// cancels confirmed stays, and nobody cancels a stay that is over.
    /// </summary>
    public Failure? CancelRefusal(bool byHost, DateTimeOffset now)
    {
        if (byHost ? Status != BookingStatus.Confirmed : !IsLive)
        {
            return NotFrom("cancelled");
        }

        // Until the completion job has run, a finished stay is still confirmed: it must not be cancelled for a refund.
        return Status == BookingStatus.Confirmed && TimeZones.Today(TimeZone, now) >= CheckOut
            ? Failure.Conflict("This stay is over; it can no longer be cancelled.")
            : null;
    }

    public Failure? Cancel(Actor actor, bool byHost, long refunded, string? reason, DateTimeOffset now)
    {
        if (CancelRefusal(byHost, now) is { } refused)
        {
            return refused;
        }

        AmountRefunded += refunded;
        var status = actor.Role == "admin" ? BookingStatus.CancelledByRoost : byHost ? BookingStatus.CancelledByHost : BookingStatus.CancelledByGuest;
        return End(status, actor, reason ?? "cancelled", now);
    }

    public void RefundedOutsidePolicy(long amount, DateTimeOffset now)
    {
        AmountRefunded += amount;
        UpdatedAt = now;
    }

    /// <summary>The gateway captured while our accept did not commit: settle it as the accept it was.</summary>
    public Failure? CaptureRecovered(long captured, DateTimeOffset now)
    {
        if (Status != BookingStatus.Pending || ExpiresAt <= now)
        {
            return NotFrom("confirmed");
        }

        AmountCaptured = captured;
        ExpiresAt = null;
        Move(BookingStatus.Confirmed, Actor.System, "payment_captured", now);
        return null;
    }

    public Failure? Complete(DateTimeOffset now)
    {
        if (Status != BookingStatus.Confirmed)
        {
            return NotFrom("completed");
        }

        if (now < CheckOutAt)
        {
            return Failure.Conflict("The guest has not checked out yet.");
        }

        Move(BookingStatus.Completed, Actor.System, "stay_over", now);
        return null;
    }

    private Failure? End(BookingStatus status, Actor actor, string reason, DateTimeOffset now)
    {
        ExpiresAt = null;
        OccupancyId = null;
        ForgetBalance();
        Move(status, actor, reason, now);
        return null;
    }

    private Failure NotFrom(string verb) =>
        Failure.Conflict($"A booking that is {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Status.ToString())} cannot be {verb}.");

    private void Move(BookingStatus to, Actor actor, string reason, DateTimeOffset now, bool initial = false)
    {
        Transitions.Add(BookingTransition.Record(Id, initial ? null : Status, to, actor, reason, now));
        Status = to;
        UpdatedAt = now;
    }
}

public sealed class BookingTransition
{
    private BookingTransition()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public BookingStatus? From { get; private set; }

    public BookingStatus To { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorRole { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public static BookingTransition Record(Guid bookingId, BookingStatus? from, BookingStatus to, Actor actor, string reason, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        BookingId = bookingId,
        From = from,
        To = to,
        ActorId = actor.UserId,
        ActorRole = actor.Role,
        Reason = reason.Length > 200 ? reason[..200] : reason,
        At = at,
    };
}
