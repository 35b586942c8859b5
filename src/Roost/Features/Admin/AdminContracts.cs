using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Admin;

/// <summary>The reason is shown to the user or host, in the notice and the e-mail that tell them.</summary>
public sealed record SuspendRequest([Required, MaxLength(500)] string Reason);

/// <summary>Why support turned a user's two-step sign-in off (how they proved who they are); the user reads it.</summary>
public sealed record ResetTwoFactorRequest([Required, MinLength(3), MaxLength(500)] string Reason);

/// <summary>
/// Suspending an account. With <paramref name="CancelUpcomingStays"/>, the confirmed stays that have not begun on
/// either side are cancelled with a full refund: guests booked with a suspended host (who should not be trusted with
/// arriving guests), and the suspended user's own trips (no host should expect a guest the platform removed). Stays
/// under way are left alone.
/// </summary>
public sealed record SuspendUserRequest([Required, MaxLength(500)] string Reason, bool CancelUpcomingStays = false);

/// <summary>
/// What a suspension or reinstatement did: the account's state, the listings it took down or brought back, the
/// requests to book it declined (waiting for the suspended host, or made by the suspended guest) and the confirmed
/// stays, on either side, it cancelled.
/// </summary>
public sealed record UserModerationResponse(
    Guid UserId, bool Suspended, IReadOnlyList<Guid> ListingIds, IReadOnlyList<Guid> DeclinedRequestIds, IReadOnlyList<Guid> CancelledStayIds);
