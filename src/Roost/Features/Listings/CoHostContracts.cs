using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Listings;

/// <param name="PayoutPercent">Their share of the host payout of each stay booked after they accept, 0 to 100 (whole percent).</param>
public sealed record InviteCoHostRequest(
    [Required, EmailAddress, MaxLength(254)] string Email, CoHostAccess Access = CoHostAccess.Reservations,
    [Range(0, CoHost.MaxPayoutPercentTotal)] int PayoutPercent = 0);

/// <summary>Either or both; what is left out stays as it is.</summary>
/// <param name="PayoutPercent">Applies to stays booked from now on; those already booked keep the share they were booked with.</param>
public sealed record ChangeCoHostRequest(CoHostAccess? Access = null, [Range(0, CoHost.MaxPayoutPercentTotal)] int? PayoutPercent = null);

/// <param name="Status">invited (waiting for the invited address), active, or expired.</param>
public sealed record CoHostResponse(
    Guid Id, Guid ListingId, string ListingTitle, Guid HostId, string Email, Guid? UserId, CoHostAccess Access, int PayoutPercent, string Status,
    DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt)
{
    public static CoHostResponse From(CoHost c, Listing l, DateTimeOffset now) => new(
        c.Id, c.ListingId, l.Title, l.HostId, c.Email, c.UserId, c.Access, c.PayoutPercent,
        c.IsActive ? "active" : now >= c.ExpiresAt ? "expired" : "invited", c.InvitedAt, c.ExpiresAt, c.AcceptedAt);
}
