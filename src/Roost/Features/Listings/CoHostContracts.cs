using System.ComponentModel.DataAnnotations;

namespace Roost.Features.Listings;

public sealed record InviteCoHostRequest([Required, EmailAddress, MaxLength(254)] string Email, CoHostAccess Access = CoHostAccess.Reservations);

public sealed record ChangeCoHostRequest([Required] CoHostAccess? Access);

/// <param name="Status">invited (waiting for the invited address), active, or expired.</param>
public sealed record CoHostResponse(
    Guid Id, Guid ListingId, string ListingTitle, Guid HostId, string Email, Guid? UserId, CoHostAccess Access, string Status,
    DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt)
{
    public static CoHostResponse From(CoHost c, Listing l, DateTimeOffset now) => new(
        c.Id, c.ListingId, l.Title, l.HostId, c.Email, c.UserId, c.Access,
        c.IsActive ? "active" : now >= c.ExpiresAt ? "expired" : "invited", c.InvitedAt, c.ExpiresAt, c.AcceptedAt);
}
