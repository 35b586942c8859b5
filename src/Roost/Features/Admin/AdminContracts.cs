using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Admin;

/// <summary>The reason is shown to the user or host, in the notice and the e-mail that tell them.</summary>
public sealed record SuspendRequest([Required, MaxLength(500)] string Reason);

/// <summary>
/// Suspending an account. With <paramref name="CancelUpcomingStays"/>, the stays guests booked with a suspended host
/// that have not begun are cancelled with a full refund (a host taken off the marketplace should not be trusted with
/// arriving guests); stays under way are left alone.
/// </summary>
public sealed record SuspendUserRequest([Required, MaxLength(500)] string Reason, bool CancelUpcomingStays = false);

/// <summary>
/// What a suspension or reinstatement did: the account's state, the listings it took down or brought back, the
/// requests to book it declined (waiting for the suspended host, or made by the suspended guest) and the confirmed
/// stays with the suspended host it cancelled.
/// </summary>
public sealed record UserModerationResponse(
    Guid UserId, bool Suspended, IReadOnlyList<Guid> ListingIds, IReadOnlyList<Guid> DeclinedRequestIds, IReadOnlyList<Guid> CancelledStayIds);
