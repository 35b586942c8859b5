using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Listings;

namespace Roost.Features.Calendar;

/// <summary>An external iCalendar feed (another site's calendar of this home) whose events block nights here.</summary>
public sealed class CalendarImport
{
    public const int MaxPerListing = 10;

    private CalendarImport()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public string Url { get; private set; } = "";

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastSyncedAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public int BlockedRanges { get; private set; }

    public static CalendarImport Create(Guid listingId, string url, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ListingId = listingId,
        Url = url,
        Name = name,
        CreatedAt = now,
    };

    public void Synced(int ranges, DateTimeOffset now)
    {
        LastAttemptAt = now;
        LastSyncedAt = now;
        LastError = null;
        BlockedRanges = ranges;
    }

    /// <summary>A failed sync records why and leaves the blocks of the last good sync in place.</summary>
    public void Failed(string error, DateTimeOffset now)
    {
        LastAttemptAt = now;
        LastError = error.Length > 500 ? error[..500] : error;
    }
}

internal sealed class CalendarImportConfiguration : IEntityTypeConfiguration<CalendarImport>
{
    public void Configure(EntityTypeBuilder<CalendarImport> import)
    {
        import.ToTable("calendar_imports");
        import.HasKey(i => i.Id);
        import.Property(i => i.Url).HasMaxLength(2000);
        import.Property(i => i.Name).HasMaxLength(100);
        import.Property(i => i.LastError).HasMaxLength(500);
        import.HasIndex(i => new { i.ListingId, i.Url }).IsUnique();
        import.HasOne<Listing>().WithMany().HasForeignKey(i => i.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}
