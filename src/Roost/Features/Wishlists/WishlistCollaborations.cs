using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Wishlists;

/// <summary>The link a friend opens, signed in, to plan with the owner; <paramref name="Path"/> is under the API (POST).</summary>
public sealed record WishlistInvitation(string Token, string Path);

/// <summary>One person's vote for a listing in a list they plan: the list's favourites show at a glance.</summary>
public sealed class WishlistVote
{
    public Guid WishlistId { get; set; }

    public Guid ListingId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset VotedAt { get; set; }
}

/// <summary>A friend planning with a wishlist's owner: they see the list and add and take out listings.</summary>
public sealed class WishlistCollaboration
{
    public Guid WishlistId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset JoinedAt { get; set; }
}

internal sealed class WishlistCollaborationConfiguration : IEntityTypeConfiguration<WishlistCollaboration>
{
    public void Configure(EntityTypeBuilder<WishlistCollaboration> collaboration)
    {
        collaboration.ToTable("wishlist_collaborators");
        collaboration.HasKey(c => new { c.WishlistId, c.UserId });
        collaboration.HasOne<Wishlist>().WithMany().HasForeignKey(c => c.WishlistId).OnDelete(DeleteBehavior.Cascade);
        collaboration.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        collaboration.HasIndex(c => c.UserId);
    }
}

internal sealed class WishlistVoteConfiguration : IEntityTypeConfiguration<WishlistVote>
{
    public void Configure(EntityTypeBuilder<WishlistVote> vote)
    {
        vote.ToTable("wishlist_votes");
        vote.HasKey(v => new { v.WishlistId, v.ListingId, v.UserId });
        // A listing taken out of the list takes its votes with it.
        vote.HasOne<WishlistItem>().WithMany().HasForeignKey(v => new { v.WishlistId, v.ListingId }).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        vote.HasIndex(v => v.UserId);
    }
}

/// <summary>
/// Planning a list together: the owner's invitation link, friends joining and leaving by it, and everyone's votes for
/// the listings. The list itself (its name, listings, sharing) is <see cref="WishlistBook"/>'s.
/// </summary>
public sealed class WishlistCollaborations(RoostDb db, TimeProvider time)
{
    /// <summary>
    /// The link that lets friends join the list as collaborators, made on first asking; asking again answers the same
    /// one until the owner stops it. It is not the share link: that one only shows the list.
    /// </summary>
    public async Task<Outcome<WishlistInvitation>> InviteAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken)
    {
        var owned = await WishlistAccess.ChangeOwnedAsync(db, userId, wishlistId, w => w.OpenInvitations(WishlistAccess.NewToken, time.GetUtcNow()), cancellationToken);
        return owned.Failure is { } failure ? failure : new WishlistInvitation(owned.Value!.InviteToken!, $"/api/v1/wishlist-invitations/{owned.Value.InviteToken}/join");
    }

    /// <summary>No one else joins with the link; those who joined stay until the owner removes them or they leave.</summary>
    public async Task<Failure?> StopInvitingAsync(Guid userId, Guid wishlistId, CancellationToken cancellationToken) =>
        (await WishlistAccess.ChangeOwnedAsync(db, userId, wishlistId, w => w.CloseInvitations(time.GetUtcNow()), cancellationToken)).Failure;

    /// <summary>
    /// A signed-in user who has the invitation link joins the list; joining again changes nothing. The list's row lock
    /// keeps two joins from racing past the limit.
    /// </summary>
    public async Task<Outcome<WishlistSummary>> JoinAsync(Guid userId, string token, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var users = db.Users;
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM wishlists WHERE invite_token = {token} FOR UPDATE").ToListAsync(cancellationToken);
        var wishlist = locked.Count == 0 ? null : await db.Wishlists.AsNoTracking()
            .SingleOrDefaultAsync(w => w.Id == locked[0] && users.Any(u => u.Id == w.UserId && u.ClosedAt == null), cancellationToken);
        if (wishlist is null)
        {
            return Failure.NotFound("The invitation");
        }

        if (wishlist.UserId == userId)
        {
            return Failure.Unprocessable("This is your own wishlist.");
        }

        var listingCount = await db.WishlistItems.CountAsync(i => i.WishlistId == wishlist.Id, cancellationToken);
        var summary = new WishlistSummary(wishlist.Id, wishlist.Name, listingCount, wishlist.CreatedAt, wishlist.UpdatedAt, WishlistBook.Collaborator);
        var collaborators = await db.WishlistCollaborators.Where(c => c.WishlistId == wishlist.Id).Select(c => c.UserId).ToListAsync(cancellationToken);
        if (collaborators.Contains(userId))
        {
            return summary;
        }

        if (collaborators.Count >= Wishlist.MaxCollaborators)
        {
            return Failure.Unprocessable($"A wishlist has at most {Wishlist.MaxCollaborators} collaborators.");
        }

        var now = time.GetUtcNow();
        db.WishlistCollaborators.Add(new WishlistCollaboration { WishlistId = wishlist.Id, UserId = userId, JoinedAt = now });
        var name = await users.Where(u => u.Id == userId).Select(u => u.FirstName).SingleAsync(cancellationToken);
        Notify.Add(db, wishlist.UserId, "wishlist_joined", "Someone joined your wishlist",
            $"{name} joined \"{wishlist.Name}\" and can now add and take out listings.", new { wishlistId = wishlist.Id, userId }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    /// <summary>The owner removes a collaborator (who is told); a collaborator removes themselves to leave.</summary>
    public async Task<Failure?> RemoveCollaboratorAsync(Guid userId, Guid wishlistId, Guid collaboratorId, CancellationToken cancellationToken)
    {
        var leaving = collaboratorId == userId;
        if (!leaving && await WishlistAccess.OwnedAsync(db, userId, wishlistId, cancellationToken) is { Failure: { } failure })
        {
            return failure;
        }

        if (await db.WishlistCollaborators.Where(c => c.WishlistId == wishlistId && c.UserId == collaboratorId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return Failure.NotFound(leaving ? "The wishlist" : "The collaborator");
        }

        // Votes count the people planning the list: one who no longer does takes theirs along.
        await db.WishlistVotes.Where(v => v.WishlistId == wishlistId && v.UserId == collaboratorId).ExecuteDeleteAsync(cancellationToken);

        if (!leaving)
        {
            var name = await db.Wishlists.Where(w => w.Id == wishlistId).Select(w => w.Name).SingleAsync(cancellationToken);
            Notify.Add(db, collaboratorId, "wishlist_removed", "You were removed from a wishlist",
                $"You no longer plan \"{name}\" with its owner.", new { wishlistId }, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>A closed account leaves the lists it joined, taking its votes, and its own lists close to the friends it invited.</summary>
    public sealed class Erasure(RoostDb db) : IAccountErasure
    {
        public async Task EraseAsync(Guid userId, string formerNormalizedEmail, CancellationToken cancellationToken)
        {
            var owned = db.Wishlists.Where(w => w.UserId == userId).Select(w => w.Id);
            await db.WishlistCollaborators.Where(c => c.UserId == userId || owned.Contains(c.WishlistId)).ExecuteDeleteAsync(cancellationToken);
            await db.WishlistVotes.Where(v => v.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            // Words they wrote for friends go with the account; the listings they saved stay on the lists.
            await db.WishlistItems.Where(i => i.NotedBy == userId).ExecuteUpdateAsync(i => i
                .SetProperty(x => x.Note, (string?)null).SetProperty(x => x.NotedBy, (Guid?)null).SetProperty(x => x.NotedAt, (DateTimeOffset?)null), cancellationToken);
            await db.Wishlists.Where(w => w.UserId == userId && w.InviteToken != null)
                .ExecuteUpdateAsync(w => w.SetProperty(x => x.InviteToken, (string?)null), cancellationToken);
        }
    }

    /// <summary>
    /// The owner or a collaborator writes the note on a listing in the list (replacing the one there), or takes it
    /// away with nothing; a listing not in the list is a 404.
    /// </summary>
    public async Task<Failure?> NoteAsync(Guid userId, Guid wishlistId, Guid listingId, string? note, CancellationToken cancellationToken)
    {
        if (!await WishlistAccess.Reachable(db, userId).AnyAsync(w => w.Id == wishlistId, cancellationToken))
        {
            return Failure.NotFound("The wishlist");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var now = time.GetUtcNow();
        var noted = await db.WishlistItems.Where(i => i.WishlistId == wishlistId && i.ListingId == listingId).ExecuteUpdateAsync(i => i
            .SetProperty(x => x.Note, text)
            .SetProperty(x => x.NotedBy, text == null ? null : userId)
            .SetProperty(x => x.NotedAt, text == null ? null : now), cancellationToken);
        return noted == 0 ? Failure.NotFound("The listing in this wishlist") : null;
    }

    /// <summary>
    /// The owner or a collaborator votes for a listing in the list, or takes the vote back; either twice changes nothing.
    /// A listing not in the list is a 404.
    /// </summary>
    public async Task<Failure?> VoteAsync(Guid userId, Guid wishlistId, Guid listingId, bool vote, CancellationToken cancellationToken)
    {
        if (!await WishlistAccess.Reachable(db, userId).AnyAsync(w => w.Id == wishlistId, cancellationToken))
        {
            return Failure.NotFound("The wishlist");
        }

        if (!await db.WishlistItems.AnyAsync(i => i.WishlistId == wishlistId && i.ListingId == listingId, cancellationToken))
        {
            return Failure.NotFound("The listing in this wishlist");
        }

        if (vote)
        {
            // The item's foreign key refuses a vote racing the listing's removal; the vote then has nothing to count for.
            try
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO wishlist_votes (wishlist_id, listing_id, user_id, voted_at) VALUES ({wishlistId}, {listingId}, {userId}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
                    cancellationToken);
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation)
            {
                return Failure.NotFound("The listing in this wishlist");
            }
        }
        else
        {
            await db.WishlistVotes.Where(v => v.WishlistId == wishlistId && v.ListingId == listingId && v.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }

        return null;
    }
}
