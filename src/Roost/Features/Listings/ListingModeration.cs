using Microsoft.EntityFrameworkCore;
using Roost.Platform.Audit;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Listings;

/// <summary>
/// An admin taking a listing off the marketplace and putting it back. A suspended listing leaves search and can no
/// longer be booked, messaged about or wished for; stays already booked keep going, and the host is told why.
/// </summary>
public sealed class ListingModeration(RoostDb db, ListingReader reader, ListingChanges changes, TimeProvider time)
{
    public Task<Outcome<ListingResponse>> SuspendAsync(Guid listingId, Guid adminId, string reason, CancellationToken cancellationToken) =>
        ModerateAsync(listingId, cancellationToken, (listing, now) =>
        {
            if (!listing.Suspend(reason, withHost: false, now))
            {
                return Failure.Conflict($"A listing that is {listing.Status.ToString().ToLowerInvariant()} cannot be suspended.");
            }

            Notify.Add(db, listing.HostId, "listing_suspended", "Your listing was suspended",
                $"\"{listing.Title}\" is hidden from guests and cannot be booked: {reason.TrimEnd('.')}. Stays already booked are not affected. To appeal, contact Roost support.",
                new { listingId = listing.Id }, now);
            Audit.Add(db, adminId, "suspend_listing", listing.Id, reason, now);
            return null;
        });

    public Task<Outcome<ListingResponse>> ReinstateAsync(Guid listingId, Guid adminId, CancellationToken cancellationToken) =>
        ModerateAsync(listingId, cancellationToken, (listing, now) =>
        {
            if (!listing.Reinstate(now))
            {
                return Failure.Conflict("Only a suspended listing can be reinstated.");
            }

            Notify.Add(db, listing.HostId, "listing_reinstated", "Your listing is back",
                $"\"{listing.Title}\" is {listing.Status.ToString().ToLowerInvariant()} again.", new { listingId = listing.Id }, now);
            Audit.Add(db, adminId, "reinstate_listing", listing.Id, null, now);
            return null;
        });

    /// <summary>With its host's suspension: every listing that guests could reach. The caller saves, with the account.</summary>
    public async Task<IReadOnlyList<Guid>> SuspendAllOfHostAsync(Guid hostId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var listings = await db.Listings.Where(l => l.HostId == hostId && (l.Status == ListingStatus.Published || l.Status == ListingStatus.Unlisted))
            .ToListAsync(cancellationToken);
        return [.. listings.Where(l => l.Suspend(reason, withHost: true, now)).Select(l => l.Id)];
    }

    /// <summary>Brings back what the host's suspension took down, and nothing an admin suspended on its own.</summary>
    public async Task<IReadOnlyList<Guid>> ReinstateAllOfHostAsync(Guid hostId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var listings = await db.Listings.Where(l => l.HostId == hostId && l.Status == ListingStatus.Suspended && l.SuspendedWithHost)
            .ToListAsync(cancellationToken);
        return [.. listings.Where(l => l.Reinstate(now)).Select(l => l.Id)];
    }

    private async Task<Outcome<ListingResponse>> ModerateAsync(Guid listingId, CancellationToken cancellationToken, Func<Listing, DateTimeOffset, Failure?> change)
    {
        var listing = await db.Listings.Include(l => l.Photos).SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null)
        {
            return Failure.NotFound("The listing");
        }

        if (change(listing, time.GetUtcNow()) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.ChangedAsync(listing.Id, cancellationToken);
        return await reader.ResponseAsync(listing, forOwner: true, cancellationToken);
    }
}
