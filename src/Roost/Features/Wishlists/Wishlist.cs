using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Data;

namespace Roost.Features.Wishlists;

/// <summary>
/// A user's named list of listings: private to them and the friends they invite to plan with them (collaborators,
/// who add and take out listings: <see cref="WishlistCollaborations"/>), and readable by anyone they give its share link.
/// </summary>
public sealed class Wishlist
{
    public const int MaxItems = 500;

    public const int MaxCollaborators = 20;

    private Wishlist()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public List<WishlistItem> Items { get; private set; } = [];

    /// <summary>While set, anyone with the link reads the list (not who made it); a new one replaces it, null ends sharing.</summary>
    public string? ShareToken { get; private set; }

    /// <summary>While set, a signed-in user with this link may join the list as a collaborator; null stops new joins.</summary>
    public string? InviteToken { get; private set; }

    public static Wishlist Create(Guid userId, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Name = name.Trim(),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Rename(string name, DateTimeOffset now)
    {
        Name = name.Trim();
        UpdatedAt = now;
    }

    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>Gives the list its share link unless it has one; whether it changed.</summary>
    public bool Share(Func<string> newToken, DateTimeOffset now) => ShareToken is null && Touched(() => ShareToken = newToken(), now);

    public bool StopSharing(DateTimeOffset now) => Touched(() => ShareToken = null, now);

    /// <summary>Gives the list its invitation link unless it has one; whether it changed.</summary>
    public bool OpenInvitations(Func<string> newToken, DateTimeOffset now) => InviteToken is null && Touched(() => InviteToken = newToken(), now);

    public bool CloseInvitations(DateTimeOffset now) => Touched(() => InviteToken = null, now);

    private bool Touched(Action change, DateTimeOffset now)
    {
        change();
        UpdatedAt = now;
        return true;
    }
}

public sealed class WishlistItem
{
    public Guid WishlistId { get; set; }

    public Guid ListingId { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The owner or the collaborator who saved it; null for listings saved before lists had collaborators.</summary>
    public Guid? AddedBy { get; set; }

    /// <summary>A note on the listing for whoever plans the list ("near the beach, ask about parking"); one a listing, the last word kept.</summary>
    public string? Note { get; set; }

    public Guid? NotedBy { get; set; }

    public DateTimeOffset? NotedAt { get; set; }
}

internal sealed class WishlistConfiguration : IEntityTypeConfiguration<Wishlist>
{
    public const string UniqueName = "ux_wishlists_user_id_name";

    public void Configure(EntityTypeBuilder<Wishlist> wishlist)
    {
        wishlist.ToTable("wishlists");
        wishlist.HasKey(w => w.Id);
        wishlist.Property(w => w.Name).HasMaxLength(100);
        wishlist.HasIndex(w => new { w.UserId, w.Name }).IsUnique().HasDatabaseName(UniqueName);
        wishlist.Property(w => w.ShareToken).HasMaxLength(64);
        wishlist.HasIndex(w => w.ShareToken).IsUnique().HasFilter("share_token IS NOT NULL");
        wishlist.Property(w => w.InviteToken).HasMaxLength(64);
        wishlist.HasIndex(w => w.InviteToken).IsUnique().HasFilter("invite_token IS NOT NULL");
        wishlist.HasOne<User>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        wishlist.HasMany(w => w.Items).WithOne().HasForeignKey(i => i.WishlistId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WishlistItemConfiguration : IEntityTypeConfiguration<WishlistItem>
{
    public void Configure(EntityTypeBuilder<WishlistItem> item)
    {
        item.ToTable("wishlist_items");
        item.HasKey(i => new { i.WishlistId, i.ListingId });
        item.HasOne<Listing>().WithMany().HasForeignKey(i => i.ListingId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => i.ListingId);
        item.HasOne<User>().WithMany().HasForeignKey(i => i.AddedBy).OnDelete(DeleteBehavior.SetNull);
        item.Property(i => i.Note).HasMaxLength(WishlistNoteRequest.MaxLength);
        item.HasOne<User>().WithMany().HasForeignKey(i => i.NotedBy).OnDelete(DeleteBehavior.SetNull);
    }
}

public static class WishlistsDb
{
    extension(RoostDb db)
    {
        public DbSet<Wishlist> Wishlists => db.Set<Wishlist>();

        public DbSet<WishlistItem> WishlistItems => db.Set<WishlistItem>();

        public DbSet<WishlistCollaboration> WishlistCollaborators => db.Set<WishlistCollaboration>();

        public DbSet<WishlistVote> WishlistVotes => db.Set<WishlistVote>();
    }
}
