using Microsoft.EntityFrameworkCore;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Listings;

/// <summary>The invited side: what waits for the caller's address, and accepting or declining it.</summary>
public sealed partial class CoHosts
{
    /// <summary>Open invitations to the caller's address and the listings they co-host.</summary>
    public async Task<IReadOnlyList<CoHostResponse>> MineAsync(Guid userId, CancellationToken cancellationToken)
    {
        var (email, _) = await accounts.AddressOfAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        var rows = await db.Set<CoHost>().AsNoTracking()
            .Where(c => c.UserId == userId || (c.UserId == null && c.Email == email && c.ExpiresAt > now))
            .Join(db.Listings, c => c.ListingId, l => l.Id, (c, l) => new { CoHost = c, Listing = l })
            .OrderByDescending(r => r.CoHost.InvitedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => CoHostResponse.From(r.CoHost, r.Listing, now))];
    }

    public async Task<Outcome<CoHostResponse>> AnswerAsync(Guid invitationId, bool accept, Guid userId, CancellationToken cancellationToken)
    {
        var (email, confirmed) = await accounts.AddressOfAsync(userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var listingId = await db.Set<CoHost>().Where(c => c.Id == invitationId && c.Email == email).Select(c => (Guid?)c.ListingId).SingleOrDefaultAsync(cancellationToken);
        if (listingId is { } held)
        {
            await LockAsync(held, cancellationToken);
        }

        var invitation = await db.Set<CoHost>().SingleOrDefaultAsync(c => c.Id == invitationId && c.Email == email, cancellationToken);
        var listing = invitation is null ? null : await db.Listings.AsNoTracking().SingleAsync(l => l.Id == invitation.ListingId, cancellationToken);
        if (invitation is null || listing is null || (invitation.UserId is { } taker && taker != userId))
        {
            return Failure.NotFound("The invitation");
        }

        var now = time.GetUtcNow();
        if (accept && invitation.Accept(userId, confirmed, now) is { } refused)
        {
            return refused;
        }

        if (!accept && invitation.IsActive)
        {
            return Failure.Conflict("You accepted this invitation already; leave with DELETE /api/v1/listings/{id}/cohosts/{cohostId}.");
        }

        if (!accept)
        {
            db.Remove(invitation);
        }

        Notify.Add(db, listing.HostId, accept ? "cohost_accepted" : "cohost_declined", accept ? "A co-host joined" : "A co-host invitation was declined",
            $"{invitation.Email} {(accept ? "now co-hosts" : "will not co-host")} \"{listing.Title}\".", new { listingId = listing.Id }, now);
        await db.SaveChangesAsync(cancellationToken);
        await RecountAsync(db, [listing.Id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CoHostResponse.From(invitation, listing, now);
    }
}
