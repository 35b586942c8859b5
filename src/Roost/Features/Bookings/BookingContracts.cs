using System.ComponentModel.DataAnnotations;
using Roost.Features.Listings;
using Roost.Platform.Money;

namespace Roost.Features.Bookings;

public sealed record CreateBookingRequest(
    [Required] Guid? ListingId,
    [Required] DateOnly? CheckIn,
    [Required] DateOnly? CheckOut,
    [Range(1, Quotes.MaxGuests)] int Guests,
    [Required, MaxLength(100)] string PaymentMethod,
    [MaxLength(2000)] string? Message = null,
    Money? ExpectedTotal = null,
    Guid? OfferId = null,
    [Range(0, Party.MaxInfants)] int Infants = 0,
    [Range(0, Party.MaxPets)] int Pets = 0,
    bool PayPartNow = false)
{
    public Party Party => new(Guests, Infants, Pets);
}

/// <summary>The card for the rest of a stay paid in two parts, when the guest pays it sooner or after a refusal.</summary>
public sealed record PayBalanceRequest([Required, MaxLength(100)] string PaymentMethod);

/// <param name="DueAt">When the card is charged: the due date, or the next try after a refusal.</param>
/// <param name="FailedAttempts">How many tries the card refused; after the last the stay is cancelled.</param>
public sealed record BalanceResponse(Money Amount, DateTimeOffset DueAt, int FailedAttempts)
{
    public static BalanceResponse? Of(Booking b) => b.OwesBalance ? new BalanceResponse(new Money(b.BalanceAmount, b.Currency), b.BalanceDueAt!.Value, b.BalanceFailures) : null;
}

public sealed record DeclineRequest([MaxLength(500)] string? Reason = null);

/// <param name="ExpectedRefund">The refund a preview showed: if the policy now gives another (a deadline passed), nothing is cancelled.</param>
public sealed record CancelRequest([MaxLength(500)] string? Reason = null, Money? ExpectedRefund = null);

public sealed record AdminRefundRequest([Range(typeof(long), "1", "9223372036854775807")] long Amount, [Required, MinLength(3), MaxLength(500)] string Reason);

/// <param name="Kind">charge, refund, payout, host_cancellation_penalty or penalty_withheld (a penalty kept back from another
/// booking's payout); all but the first two are shown to the host and admins only.</param>
public sealed record PaymentItem(Guid Id, string Kind, Money Amount, string? Reason, string? GatewayReference, DateTimeOffset At);

/// <param name="Held">Authorized on the guest's card and not yet taken (a request waiting for its host).</param>
public sealed record BookingPaymentsResponse(Guid BookingId, Money Held, Money Charged, Money Refunded, IReadOnlyList<PaymentItem> Items);

public sealed record TransitionResponse(BookingStatus? From, BookingStatus To, string ActorRole, Guid? ActorId, string Reason, DateTimeOffset At);

/// <param name="Balance">What is still to pay for a stay paid in two parts, and when; null otherwise.</param>
/// <param name="FreeCancellationUntil">For a live stay: until when the guest may cancel for everything back (by its policy and when it was booked); null when never.</param>
public sealed record BookingResponse(
    Guid Id,
    Guid ListingId,
    Guid GuestId,
    Guid HostId,
    DateOnly CheckIn,
    DateOnly CheckOut,
    TimeOnly CheckInTime,
    TimeOnly CheckOutTime,
    string TimeZone,
    int Guests,
    int Infants,
    int Pets,
    BookingStatus Status,
    Quote Quote,
    DateTimeOffset? ExpiresAt,
    CancellationPolicy CancellationPolicy,
    Money Charged,
    Money Refunded,
    string? Message,
    TimeOnly? ExpectedArrival,
    IReadOnlyList<TransitionResponse> Transitions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    BalanceResponse? Balance,
    DateTimeOffset? FreeCancellationUntil)
{
    public static BookingResponse From(Booking b) => new(
        b.Id, b.ListingId, b.GuestId, b.HostId, b.CheckIn, b.CheckOut, b.CheckInTime, b.CheckOutTime, b.TimeZone, b.Guests, b.Quote.Infants, b.Quote.Pets, b.Status, b.Quote, b.ExpiresAt,
        b.CancellationPolicy, new Money(b.AmountCaptured, b.Currency), new Money(b.AmountRefunded, b.Currency), b.Message, b.ExpectedArrival,
        [.. b.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new TransitionResponse(t.From, t.To, t.ActorRole, t.ActorId, t.Reason, t.At))],
        b.CreatedAt, b.UpdatedAt, BalanceResponse.Of(b),
        b.IsLive ? CancellationRules.FreeCancellationUntil(b.CancellationPolicy, b.CheckIn, b.CheckInTime, b.TimeZone, b.CreatedAt) : null);
}

public sealed record CancelResponse(BookingResponse Booking, Money Refund, IReadOnlyList<RefundLine> Breakdown, string Rule, bool Preview);

/// <param name="ExpiresAt">A request's deadline for the host's answer; null once answered.</param>
/// <param name="BalanceDue">What is still to pay for a stay paid in two parts, charged at <paramref name="BalanceDueAt"/>; null otherwise.</param>
public sealed record TripSummary(
    Guid Id,
    Guid ListingId,
    string ListingTitle,
    Guid GuestId,
    Guid HostId,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Guests,
    BookingStatus Status,
    Money Total,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    Money? BalanceDue = null,
    DateTimeOffset? BalanceDueAt = null);

public enum TripFilter
{
    Upcoming,
    Past,
    Cancelled,
}

public sealed record TripsCursor(DateOnly CheckIn, Guid Id);

/// <summary>
/// Something a host was asked (a request to book, or a guest's question) and when they answered it (null: not yet, or
/// it lapsed). Settable members, not a constructor, so that queries of different features can be joined into one.
/// </summary>
public sealed record HostAsk
{
    public Guid HostId { get; init; }

    public DateTimeOffset AskedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }
}

/// <summary>A stay's terms as a change asks for them; infants and pets not named stay as booked.</summary>
public sealed record ChangeTerms(DateOnly CheckIn, DateOnly CheckOut, int Guests, int? Infants = null, int? Pets = null)
{
    public Party PartyFor(Booking booking) => new(Guests, Infants ?? booking.Quote.Infants, Pets ?? booking.Quote.Pets);
}

public sealed record ProposeChangeRequest(
    [Required] DateOnly? CheckIn,
    [Required] DateOnly? CheckOut,
    [Range(1, Quotes.MaxGuests)] int Guests,
    [MaxLength(2000)] string? Message = null,
    [Range(0, Party.MaxInfants)] int? Infants = null,
    [Range(0, Party.MaxPets)] int? Pets = null);

/// <param name="Difference">What the guest would pay more (positive) or get back (negative) than the stay as booked.</param>
public sealed record ChangeQuote(Quote Quote, Money Difference);

/// <param name="Difference">The new total less the total when it was asked: charged to the guest on acceptance if positive, refunded if negative.</param>
/// <param name="Charged">What acceptance charged (0 until accepted, or for a cheaper stay).</param>
/// <param name="Refunded">What acceptance refunded.</param>
public sealed record ChangeResponse(
    Guid Id,
    Guid BookingId,
    string ProposedBy,
    BookingChangeStatus Status,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Guests,
    Quote Quote,
    Money Difference,
    Money Charged,
    Money Refunded,
    string? Message,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt)
{
    public static ChangeResponse From(BookingChange c) => new(
        c.Id, c.BookingId, c.ProposerRole, c.Status, c.CheckIn, c.CheckOut, c.Guests, c.Quote, new Money(c.Difference, c.Currency),
        new Money(c.Charged, c.Currency), new Money(c.Refunded, c.Currency), c.Message, c.ExpiresAt, c.CreatedAt, c.AnsweredAt);
}

/// <param name="Time">Local time where the home is, on the check-in day (HH:mm); null clears it.</param>
public sealed record ExpectedArrivalRequest(TimeOnly? Time);
