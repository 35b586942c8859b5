using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Calendar;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Wishlists;

public sealed record WishlistRequest([Required, MinLength(1), MaxLength(100)] string Name);

/// <param name="Role">owner, or collaborator for a list a friend invited you to.</param>
public sealed record WishlistSummary(Guid Id, string Name, int ListingCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Role);

/// <summary>A saved listing; <see cref="Available"/> answers "can I book it for these dates" when dates were asked.</summary>
/// <param name="AddedBy">Who saved it, owner or collaborator; null on a shared link, which shows no one.</param>
/// <param name="Votes">How many of the people planning the list voted for it; null on a shared link.</param>
/// <param name="VotedByMe">Whether the caller did; null on a shared link.</param>
/// <param name="Note">The note on it, who wrote it last and when; null when none, and on a shared link.</param>
public sealed record WishlistEntry(
    Guid ListingId, string Title, string? City, string? CoverPhotoUrl, DateTimeOffset AddedAt, bool? Available, Guid? AddedBy = null, int? Votes = null, bool? VotedByMe = null,
    WishlistNote? Note = null);

public sealed record WishlistNote(string Text, Guid? By, DateTimeOffset At);

/// <param name="Note">The note; null or blank takes it away.</param>
public sealed record WishlistNoteRequest([MaxLength(WishlistNoteRequest.MaxLength)] string? Note)
{
    public const int MaxLength = 500;
}

/// <summary>The link that shows the list to anyone who has it; <paramref name="Path"/> is under the API.</summary>
public sealed record WishlistShare(string Token, string Path);

public sealed record WishlistPerson(Guid UserId, string FirstName);

public sealed record WishlistCollaborator(Guid UserId, string FirstName, DateTimeOffset JoinedAt);

/// <param name="Role">The caller's: owner or collaborator; null on a shared link, which shows no one.</param>
/// <param name="Owner">Null on a shared link.</param>
/// <param name="Collaborators">Null on a shared link.</param>
public sealed record WishlistResponse(
    Guid Id, string Name, IReadOnlyList<WishlistEntry> Listings, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? Role = null, WishlistPerson? Owner = null, IReadOnlyList<WishlistCollaborator>? Collaborators = null);

/// <summary>
/// Wishlists are private to their owner and the collaborators the owner invited: to anyone else a list answers exactly
/// like one that does not exist. Collaborators add and take out listings; naming, deleting, sharing and inviting stay
/// the owner's.
/// </summary>
public sealed class WishlistBook(RoostDb db, Quotes quotes, TimeProvider time)
{
    public const string Owner = "owner";

    public const string Collaborator = "collaborator";

    public async Task<IReadOnlyList<WishlistSummary>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        await WishlistAccess.Reachable(db, userId).AsNoTracking()
            .OrderBy(w => w.CreatedAt)
            .Select(w => new WishlistSummary(w.Id, w.Name, w.Items.Count, w.CreatedAt, w.UpdatedAt, w.UserId == userId ? Owner : Collaborator))
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
        var owned = await WishlistAccess.OwnedAsync(db, userId, wishlistId, cancellationToken, withItems: true);
        if (owned.Failure is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return Failure.Validation("name", "A name is required.");
        }

        owned.Value!.Rename(name, time.GetUtcNow());
        return await SaveNamedAsync(owned.Value, cancellationToken);
    }

    public async Task<Failure?> DeleteAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken) =>
        await db.Wishlists.Where(w => w.Id == wishlistId && w.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0
            ? await WishlistAccess.NotOwnedAsync(db, userId, wishlistId, cancellationToken)
            : null;

    /// <summary>Adding twice is harmless (PUT): the listing is in the list either way.</summary>
    public async Task<Failure?> AddAsync(Guid userId, Guid wishlistId, Guid listingId, CancellationToken cancellationToken)
    {
        var wishlist = await WishlistAccess.Reachable(db, userId).SingleOrDefaultAsync(w => w.Id == wishlistId, cancellationToken);
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
            $"INSERT INTO wishlist_items (wishlist_id, listing_id, added_at, added_by) VALUES ({wishlistId}, {listingId}, {now}, {userId}) ON CONFLICT DO NOTHING",
            cancellationToken);
        wishlist.Touch(now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<Failure?> RemoveAsync(Guid userId, Guid wishlistId, Guid listingId, CancellationToken cancellationToken)
    {
        if (!await WishlistAccess.Reachable(db, userId).AnyAsync(w => w.Id == wishlistId, cancellationToken))
        {
            return Failure.NotFound("The wishlist");
        }

        return await db.WishlistItems.Where(i => i.WishlistId == wishlistId && i.ListingId == listingId).ExecuteDeleteAsync(cancellationToken) == 0
            ? Failure.NotFound("The listing in this wishlist")
            : null;
    }

    /// <summary>With dates, each listing says whether that stay could be booked now, by the same rules as a quote.</summary>
    public async Task<Outcome<WishlistResponse>> GetAsync(Guid userId, Guid wishlistId, DateOnly? checkIn, DateOnly? checkOut, int guests, CancellationToken cancellationToken) =>
        await ReadAsync(WishlistAccess.Reachable(db, userId).Where(w => w.Id == wishlistId), viewer: userId, checkIn, checkOut, guests, cancellationToken);

    /// <summary>
    /// A list as its link shows it to anyone: its name and the listings the public can open (one since archived or
    /// suspended is left out), never who made it. A closed account's links die with it.
    /// </summary>
    public async Task<Outcome<WishlistResponse>> GetSharedAsync(string token, DateOnly? checkIn, DateOnly? checkOut, int guests, CancellationToken cancellationToken)
    {
        // A set captured as a local: extension properties cannot appear inside the query's expression tree.
        var users = db.Users;
        return await ReadAsync(
            db.Wishlists.Where(w => w.ShareToken == token && users.Any(u => u.Id == w.UserId && u.ClosedAt == null)), viewer: null, checkIn, checkOut, guests, cancellationToken);
    }

    /// <summary>The list's link, made on first asking; asking again answers the same one until sharing stops.</summary>
    public async Task<Outcome<WishlistShare>> ShareAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken)
    {
        var owned = await WishlistAccess.ChangeOwnedAsync(db, userId, wishlistId, w => w.Share(WishlistAccess.NewToken, time.GetUtcNow()), cancellationToken);
        return owned.Failure is { } failure ? failure : new WishlistShare(owned.Value!.ShareToken!, $"/api/v1/shared-wishlists/{owned.Value.ShareToken}");
    }

    /// <summary>The link stops working at once; sharing again makes a new one.</summary>
    public async Task<Failure?> StopSharingAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken) =>
        (await WishlistAccess.ChangeOwnedAsync(db, userId, wishlistId, w => w.StopSharing(time.GetUtcNow()), cancellationToken)).Failure;

    /// <param name="viewer">Who asks, owner or collaborator; null for a shared link, which shows the public listings and no one.</param>
    private async Task<Outcome<WishlistResponse>> ReadAsync(
        IQueryable<Wishlist> which, Guid? viewer, DateOnly? checkIn, DateOnly? checkOut, int guests, CancellationToken cancellationToken)
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

        var votes = db.WishlistVotes;
        var rows = await db.WishlistItems.AsNoTracking()
            .Where(i => i.WishlistId == wishlist.Id)
            .Join(db.Listings, i => i.ListingId, l => l.Id, (i, l) => new { Item = i, Listing = l })
            .OrderByDescending(r => r.Item.AddedAt)
            .Select(r => new
            {
                r.Listing,
                r.Item.AddedAt,
                r.Item.AddedBy,
                r.Item.Note,
                r.Item.NotedBy,
                r.Item.NotedAt,
                Votes = votes.Count(v => v.WishlistId == r.Item.WishlistId && v.ListingId == r.Item.ListingId),
                VotedByMe = votes.Any(v => v.WishlistId == r.Item.WishlistId && v.ListingId == r.Item.ListingId && v.UserId == viewer),
                Cover = r.Listing.Photos.OrderBy(p => p.Position).Select(p => "/media/" + p.StorageKey).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var entries = new List<WishlistEntry>();
        foreach (var row in rows.Where(r => viewer is not null || r.Listing.IsVisibleTo(null, false)))
        {
            bool? available = null;
            if (checkIn is { } start && checkOut is { } end)
            {
                available = (await quotes.QuoteAsync(row.Listing, new NightRange(start, end), new Party(guests), cancellationToken)).Succeeded;
            }

            entries.Add(viewer is null
                ? new WishlistEntry(row.Listing.Id, row.Listing.Title, row.Listing.Address.City, row.Cover, row.AddedAt, available)
                : new WishlistEntry(row.Listing.Id, row.Listing.Title, row.Listing.Address.City, row.Cover, row.AddedAt, available, row.AddedBy, row.Votes, row.VotedByMe,
                    row.Note is null ? null : new WishlistNote(row.Note, row.NotedBy, row.NotedAt!.Value)));
        }

        if (viewer is not { } caller)
        {
            return new WishlistResponse(wishlist.Id, wishlist.Name, entries, wishlist.CreatedAt, wishlist.UpdatedAt);
        }

        var users = db.Users;
        var owner = await users.Where(u => u.Id == wishlist.UserId).Select(u => new WishlistPerson(u.Id, u.FirstName)).SingleAsync(cancellationToken);
        var collaborators = await db.WishlistCollaborators.AsNoTracking()
            .Where(c => c.WishlistId == wishlist.Id)
            .Join(users, c => c.UserId, u => u.Id, (c, u) => new { c.UserId, u.FirstName, c.JoinedAt })
            .OrderBy(c => c.JoinedAt)
            .ToListAsync(cancellationToken);
        return new WishlistResponse(
            wishlist.Id, wishlist.Name, entries, wishlist.CreatedAt, wishlist.UpdatedAt, wishlist.UserId == caller ? Owner : Collaborator, owner,
            [.. collaborators.Select(c => new WishlistCollaborator(c.UserId, c.FirstName, c.JoinedAt))]);
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

        return new WishlistSummary(wishlist.Id, wishlist.Name, wishlist.Items.Count, wishlist.CreatedAt, wishlist.UpdatedAt, Owner);
    }
}
