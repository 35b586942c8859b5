using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Admin;

/// <summary>The reason is shown to the user or host, in the notice and the e-mail that tell them.</summary>
public sealed record SuspendRequest([Required, MaxLength(500)] string Reason);

/// <summary>
/// What a suspension or reinstatement did: the account's state, the listings it took down or brought back, and the
/// requests to book it declined (waiting for the suspended host, or made by the suspended guest).
/// </summary>
public sealed record UserModerationResponse(Guid UserId, bool Suspended, IReadOnlyList<Guid> ListingIds, IReadOnlyList<Guid> DeclinedRequestIds);
