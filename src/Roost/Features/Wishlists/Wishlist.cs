using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Data;

namespace Roost.Features.Wishlists;

/// <summary>A user's private, named list of listings.</summary>
public sealed class Wishlist
{
    public const int MaxItems = 500;

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

    public void Share(string token, DateTimeOffset now)
    {
        ShareToken = token;
        UpdatedAt = now;
    }

    public void StopSharing(DateTimeOffset now)
    {
        ShareToken = null;
        UpdatedAt = now;
    }
}

public sealed class WishlistItem
{
    public Guid WishlistId { get; set; }

    public Guid ListingId { get; set; }

    public DateTimeOffset AddedAt { get; set; }
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
    }
}

public static class WishlistsDb
{
    extension(RoostDb db)
    {
        public DbSet<Wishlist> Wishlists => db.Set<Wishlist>();

        public DbSet<WishlistItem> WishlistItems => db.Set<WishlistItem>();
    }
}
