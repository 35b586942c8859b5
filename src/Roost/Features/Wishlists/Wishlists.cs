using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Wishlists;

public sealed record WishlistRequest([Required, MinLength(1), MaxLength(100)] string Name);

public sealed record WishlistSummary(Guid Id, string Name, int ListingCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A saved listing; <see cref="Available"/> answers "can I book it for these dates" when dates were asked.</summary>
public sealed record WishlistEntry(Guid ListingId, string Title, string? City, string? CoverPhotoUrl, DateTimeOffset AddedAt, bool? Available);

/// <summary>The link that shows the list to anyone who has it; <paramref name="Path"/> is under the API.</summary>
public sealed record WishlistShare(string Token, string Path);

public sealed record WishlistResponse(Guid Id, string Name, IReadOnlyList<WishlistEntry> Listings, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Wishlists are private: another user's list answers exactly like one that does not exist.</summary>
public sealed class WishlistBook(RoostDb db, Quotes quotes, TimeProvider time)
{
    public async Task<IReadOnlyList<WishlistSummary>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Wishlists.AsNoTracking()
            .Where(w => w.UserId == userId)
            .OrderBy(w => w.CreatedAt)
            .Select(w => new WishlistSummary(w.Id, w.Name, w.Items.Count, w.CreatedAt, w.UpdatedAt))
            .ToListAsync(cancellationToken);

    public async Task<Outcome<WishlistSummary>> CreateAsync(Guid userId, string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Failure.Validation("name", "A name is required.");
        }

        var wishlist = Wishlist.Create(userId, name, time.GetUtcNow());
        db.Wishlists.Add(wishlist);
        return await SaveNamedAsync(wishlist, cancellationToken);
    }

    public async Task<Outcome<WishlistSummary>> RenameAsync(Guid userId, Guid wishlistId, string name, CancellationToken cancellationToken)
    {
        var wishlist = await db.Wishlists.Include(w => w.Items).SingleOrDefaultAsync(w => w.Id == wishlistId && w.UserId == userId, cancellationToken);
        if (wishlist is null)
        {
            return Failure.NotFound("The wishlist");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return Failure.Validation("name", "A name is required.");
        }

        wishlist.Rename(name, time.GetUtcNow());
        return await SaveNamedAsync(wishlist, cancellationToken);
    }

    public async Task<Failure?> DeleteAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken) =>
        await db.Wishlists.Where(w => w.Id == wishlistId && w.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0
            ? Failure.NotFound("The wishlist")
            : null;

    /// <summary>Adding twice is harmless (PUT): the listing is in the list either way.</summary>
    public async Task<Failure?> AddAsync(Guid userId, Guid wishlistId, Guid listingId, CancellationToken cancellationToken)
    {
        var wishlist = await db.Wishlists.SingleOrDefaultAsync(w => w.Id == wishlistId && w.UserId == userId, cancellationToken);
        var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (wishlist is null)
        {
            return Failure.NotFound("The wishlist");
        }

        if (listing is null || listing.Status is not (ListingStatus.Published or ListingStatus.Unlisted))
        {
            return Failure.NotFound("The listing");
        }

        if (await db.WishlistItems.CountAsync(i => i.WishlistId == wishlistId, cancellationToken) >= Wishlist.MaxItems)
        {
            return Failure.Conflict($"A wishlist holds at most {Wishlist.MaxItems} listings.");
        }

        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO wishlist_items (wishlist_id, listing_id, added_at) VALUES ({wishlistId}, {listingId}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        wishlist.Touch(now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<Failure?> RemoveAsync(Guid userId, Guid wishlistId, Guid listingId, CancellationToken cancellationToken)
    {
        if (!await db.Wishlists.AnyAsync(w => w.Id == wishlistId && w.UserId == userId, cancellationToken))
        {
            return Failure.NotFound("The wishlist");
        }

        return await db.WishlistItems.Where(i => i.WishlistId == wishlistId && i.ListingId == listingId).ExecuteDeleteAsync(cancellationToken) == 0
            ? Failure.NotFound("The listing in this wishlist")
            : null;
    }

    /// <summary>With dates, each listing says whether that stay could be booked now, by the same rules as a quote.</summary>
    public async Task<Outcome<WishlistResponse>> GetAsync(Guid userId, Guid wishlistId, DateOnly? checkIn, DateOnly? checkOut, int guests, CancellationToken cancellationToken) =>
        await ReadAsync(db.Wishlists.Where(w => w.Id == wishlistId && w.UserId == userId), publicOnly: false, checkIn, checkOut, guests, cancellationToken);

    /// <summary>
    /// A list as its link shows it to anyone: its name and the listings the public can open (one since archived or
    /// suspended is left out), never who made it. A closed account's links die with it.
    /// </summary>
    public async Task<Outcome<WishlistResponse>> GetSharedAsync(string token, DateOnly? checkIn, DateOnly? checkOut, int guests, CancellationToken cancellationToken)
    {
        // A set captured as a local: extension properties cannot appear inside the query's expression tree.
        var users = db.Users;
        return await ReadAsync(
            db.Wishlists.Where(w => w.ShareToken == token && users.Any(u => u.Id == w.UserId && u.ClosedAt == null)), publicOnly: true, checkIn, checkOut, guests, cancellationToken);
    }

    /// <summary>The list's link, made on first asking; asking again answers the same one until sharing stops.</summary>
    public async Task<Outcome<WishlistShare>> ShareAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken)
    {
        var wishlist = await db.Wishlists.SingleOrDefaultAsync(w => w.Id == wishlistId && w.UserId == userId, cancellationToken);
        if (wishlist is null)
        {
            return Failure.NotFound("The wishlist");
        }

        if (wishlist.ShareToken is null)
        {
            wishlist.Share(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)), time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return new WishlistShare(wishlist.ShareToken!, $"/api/v1/shared-wishlists/{wishlist.ShareToken}");
    }

    /// <summary>The link stops working at once; sharing again makes a new one.</summary>
    public async Task<Failure?> StopSharingAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken)
    {
        var wishlist = await db.Wishlists.SingleOrDefaultAsync(w => w.Id == wishlistId && w.UserId == userId, cancellationToken);
        if (wishlist is null)
        {
            return Failure.NotFound("The wishlist");
        }

        wishlist.StopSharing(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<Outcome<WishlistResponse>> ReadAsync(
        IQueryable<Wishlist> which, bool publicOnly, DateOnly? checkIn, DateOnly? checkOut, int guests, CancellationToken cancellationToken)
    {
        if ((checkIn is null) != (checkOut is null))
        {
            return Failure.Validation(checkIn is null ? "checkIn" : "checkOut", "checkIn and checkOut go together.");
        }

        if (checkIn is { } ci && checkOut is { } co && Quotes.ShapeProblem(ci, co, new Party(guests)) is { } shape)
        {
            return shape;
        }

        var wishlist = await which.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (wishlist is null)
        {
            return Failure.NotFound("The wishlist");
        }

        var rows = await db.WishlistItems.AsNoTracking()
            .Where(i => i.WishlistId == wishlist.Id)
            .Join(db.Listings, i => i.ListingId, l => l.Id, (i, l) => new { Item = i, Listing = l })
            .OrderByDescending(r => r.Item.AddedAt)
            .Select(r => new
            {
                r.Listing,
                r.Item.AddedAt,
                Cover = r.Listing.Photos.OrderBy(p => p.Position).Select(p => "/media/" + p.StorageKey).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var entries = new List<WishlistEntry>();
        foreach (var row in rows.Where(r => !publicOnly || r.Listing.IsVisibleTo(null, false)))
        {
            bool? available = null;
            if (checkIn is { } start && checkOut is { } end)
            {
                available = (await quotes.QuoteAsync(row.Listing, new NightRange(start, end), new Party(guests), cancellationToken)).Succeeded;
            }

            entries.Add(new WishlistEntry(row.Listing.Id, row.Listing.Title, row.Listing.Address.City, row.Cover, row.AddedAt, available));
        }

        return new WishlistResponse(wishlist.Id, wishlist.Name, entries, wishlist.CreatedAt, wishlist.UpdatedAt);
    }

    private async Task<Outcome<WishlistSummary>> SaveNamedAsync(Wishlist wishlist, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(WishlistConfiguration.UniqueName))
        {
            return Failure.Conflict("You already have a wishlist with this name.");
        }

        return new WishlistSummary(wishlist.Id, wishlist.Name, wishlist.Items.Count, wishlist.CreatedAt, wishlist.UpdatedAt);
    }
}
