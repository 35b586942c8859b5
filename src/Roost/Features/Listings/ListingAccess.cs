using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Listings;

/// <summary>
/// The per-listing check every host route uses. Someone who cannot see the listing gets 404 (its existence is not
/// confirmed); someone who can see it but does not own it gets 403, unless the route lets co-hosts in
/// (<c>coHostsWith</c>) and the caller co-hosts the listing with that access.
/// </summary>
public static class ListingAccess
{
    public static async Task<Outcome<Listing>> ForEditAsync(
        RoostDb db, Guid listingId, ClaimsPrincipal user, CancellationToken cancellationToken, bool withPhotos = false, bool lockRow = false,
        CoHostAccess? coHostsWith = null)
    {
        if (lockRow)
        {
            // Held until the caller's transaction ends: serialises writes that must see each other (photo count, calendar).
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM listings WHERE id = {listingId} FOR UPDATE", cancellationToken);
        }

        var query = db.Listings.Where(l => l.Id == listingId);
        if (withPhotos)
        {
            query = query.Include(l => l.Photos);
        }

        var listing = await query.SingleOrDefaultAsync(cancellationToken);
        var userId = user.Identity?.IsAuthenticated == true ? user.UserId() : (Guid?)null;
        if (listing is null || !listing.IsVisibleTo(userId, user.IsAdmin()) || (listing.Status == ListingStatus.Archived && !user.IsAdmin()))
        {
            return Failure.NotFound("The listing");
        }

        if (user.IsOwnerOrAdmin(listing.HostId)
            || (coHostsWith is { } needed && userId is { } caller && await CoHosts.AllowsAsync(db, listingId, caller, needed, cancellationToken)))
        {
            return listing;
        }

        return Failure.Forbidden("Only the listing's host can change it.");
    }
}
