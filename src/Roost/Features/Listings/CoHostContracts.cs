using System.ComponentModel.DataAnnotations;
using Roost.Platform.Money;

namespace Roost.Features.Listings;

/// <param name="PayoutPercent">Their share of the host payout of each stay booked after they accept, 0 to 100 (whole percent).</param>
/// <param name="PayoutAmount">Or a fixed amount of each such stay's host payout, in minor units of the listing's currency.</param>
public sealed record InviteCoHostRequest(
    [Required, EmailAddress, MaxLength(254)] string Email, CoHostAccess Access = CoHostAccess.Reservations,
    [Range(0, CoHost.MaxPayoutPercentTotal)] int PayoutPercent = 0,
    [Range(0L, long.MaxValue)] long PayoutAmount = 0);

/// <summary>Any of them; what is left out stays as it is.</summary>
/// <param name="PayoutPercent">Applies to stays booked from now on; those already booked keep the share they were booked with.</param>
/// <param name="PayoutAmount">The same, as a fixed amount a stay; switching from a percent sets that to 0 in the same request.</param>
public sealed record ChangeCoHostRequest(
    CoHostAccess? Access = null, [Range(0, CoHost.MaxPayoutPercentTotal)] int? PayoutPercent = null, [Range(0L, long.MaxValue)] long? PayoutAmount = null);

/// <param name="Status">invited (waiting for the invited address), active, or expired.</param>
public sealed record CoHostResponse(
    Guid Id, Guid ListingId, string ListingTitle, Guid HostId, string Email, Guid? UserId, CoHostAccess Access, int PayoutPercent, string Status,
    DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, Money PayoutAmount)
{
    public static CoHostResponse From(CoHost c, Listing l, DateTimeOffset now) => new(
        c.Id, c.ListingId, l.Title, l.HostId, c.Email, c.UserId, c.Access, c.PayoutPercent,
        c.IsActive ? "active" : now >= c.ExpiresAt ? "expired" : "invited", c.InvitedAt, c.ExpiresAt, c.AcceptedAt, new Money(c.PayoutAmount, l.Currency));
}
