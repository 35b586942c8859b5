using System.ComponentModel.DataAnnotations;
using Roost.Platform.Money;

namespace Roost.Features.Claims;

/// <param name="Amount">Minor units of the booking's currency.</param>
public sealed record FileClaimRequest(
    [Required] ClaimReason? Reason,
    [Required, MinLength(10), MaxLength(2000)] string Description,
    [Range(typeof(long), "1", "9223372036854775807")] long Amount);

public sealed record DeclineClaimRequest([MaxLength(1000)] string? Note = null);

/// <param name="Amount">What Roost grants when approving (default: all the host asked); ignored when rejecting.</param>
public sealed record DecideClaimRequest(
    [Required] bool? Approve,
    [Required, MinLength(3), MaxLength(1000)] string Note,
    [Range(typeof(long), "0", "9223372036854775807")] long? Amount = null);

/// <param name="Charged">What the guest's card was charged for it.</param>
/// <param name="AnswerBy">Until then the guest pays or declines; after it an open claim goes to Roost.</param>
public sealed record ClaimResponse(
    Guid Id,
    Guid BookingId,
    Guid HostId,
    Guid GuestId,
    ClaimReason Reason,
    string Description,
    Money Amount,
    ClaimStatus Status,
    DateTimeOffset AnswerBy,
    string? GuestNote,
    string? DecisionNote,
    Money Charged,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt)
{
    public static ClaimResponse From(DamageClaim c) => new(
        c.Id, c.BookingId, c.HostId, c.GuestId, c.Reason, c.Description, new Money(c.Amount, c.Currency), c.Status, c.AnswerBy, c.GuestNote, c.DecisionNote,
        new Money(c.AmountCharged, c.Currency), c.CreatedAt, c.UpdatedAt, c.ResolvedAt);
}

public sealed record ClaimsCursor(DateTimeOffset UpdatedAt, Guid Id);
