using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Wishlists;

/// <summary>
/// Who may do what to a list, for the list's own operations and its collaborations alike: the owner everything,
/// collaborators what <see cref="Reachable"/> allows (403 for the rest), anyone else nothing (404).
/// </summary>
internal static class WishlistAccess
{
    /// <summary>The lists a user owns or collaborates on.</summary>
    public static IQueryable<Wishlist> Reachable(RoostDb db, Guid userId)
    {
        // A set captured as a local: extension properties cannot appear inside the query's expression tree.
        var collaborators = db.WishlistCollaborators;
        return db.Wishlists.Where(w => w.UserId == userId || collaborators.Any(c => c.WishlistId == w.Id && c.UserId == userId));
    }

    /// <summary>The caller's own list (tracked), or what a collaborator (403) or anyone else (404) is told.</summary>
    public static async Task<Outcome<Wishlist>> OwnedAsync(RoostDb db, Guid userId, Guid wishlistId, CancellationToken cancellationToken, bool withItems = false)
    {
        var query = db.Wishlists.Where(w => w.Id == wishlistId && w.UserId == userId);
        var wishlist = await (withItems ? query.Include(w => w.Items) : query).SingleOrDefaultAsync(cancellationToken);
        return wishlist is null ? await NotOwnedAsync(db, userId, wishlistId, cancellationToken) : wishlist;
    }

    /// <summary>An owner's change to their list, saved when it changed anything.</summary>
    public static async Task<Outcome<Wishlist>> ChangeOwnedAsync(RoostDb db, Guid userId, Guid wishlistId, Func<Wishlist, bool> change, CancellationToken cancellationToken)
    {
        var owned = await OwnedAsync(db, userId, wishlistId, cancellationToken);
        if (owned.Failure is null && change(owned.Value!))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return owned;
    }

    public static async Task<Failure> NotOwnedAsync(RoostDb db, Guid userId, Guid wishlistId, CancellationToken cancellationToken) =>
        await db.WishlistCollaborators.AnyAsync(c => c.WishlistId == wishlistId && c.UserId == userId, cancellationToken)
            ? Failure.Forbidden("Only the wishlist's owner may do this; collaborators add and take out listings.")
            : Failure.NotFound("The wishlist");

    /// <summary>A link's secret: 192 random bits, 32 URL-safe characters.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
