using System.ComponentModel.DataAnnotations;
using Roost.Platform.Money;

namespace Roost.Features.Claims;

/// <param name="Reason">A host: damage, missing_items, extra_cleaning, rule_breach or other. A guest: not_as_described,
/// cleanliness, missing_amenities, access_problem or other.</param>
/// <param name="Amount">Minor units of the booking's currency.</param>
public sealed record FileClaimRequest(
    [Required] ClaimReason? Reason,
    [Required, MinLength(10), MaxLength(2000)] string Description,
    [Range(typeof(long), "1", "9223372036854775807")] long Amount);

public sealed record DeclineClaimRequest([MaxLength(1000)] string? Note = null);

/// <param name="Amount">What Roost grants when approving (default: all that was asked); ignored when rejecting.</param>
public sealed record DecideClaimRequest(
    [Required] bool? Approve,
    [Required, MinLength(3), MaxLength(1000)] string Note,
    [Range(typeof(long), "0", "9223372036854775807")] long? Amount = null);

/// <param name="Kind">damage (the host asks the guest to pay) or refund (the guest asks the host for money back).</param>
/// <param name="AnswerBy">Until then the side asked accepts or declines; after it an open claim goes to Roost.</param>
/// <param name="AnswerNote">Why the side asked declined.</param>
/// <param name="Settled">What moved: charged to the guest's card for damage, refunded to it for a refund.</param>
public sealed record ClaimResponse(
    Guid Id,
    Guid BookingId,
    Guid HostId,
    Guid GuestId,
    ClaimKind Kind,
    ClaimReason Reason,
    string Description,
    Money Amount,
    ClaimStatus Status,
    DateTimeOffset AnswerBy,
    string? AnswerNote,
    string? DecisionNote,
    Money Settled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt)
{
    public static ClaimResponse From(StayClaim c) => new(
        c.Id, c.BookingId, c.HostId, c.GuestId, c.Kind, c.Reason, c.Description, new Money(c.Amount, c.Currency), c.Status, c.AnswerBy, c.AnswerNote,
        c.DecisionNote, new Money(c.AmountSettled, c.Currency), c.CreatedAt, c.UpdatedAt, c.ResolvedAt);
}

public sealed record ClaimsCursor(DateTimeOffset UpdatedAt, Guid Id);
