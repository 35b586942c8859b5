using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Listings;

namespace Roost.Features.Calendar;

/// <summary>A host's per-night price or minimum stay; absent nights use the listing's settings.</summary>
public sealed class NightOverride
{
    private NightOverride()
    {
    }

    public Guid ListingId { get; private set; }

    public DateOnly Night { get; private set; }

    public long? Price { get; private set; }

    public int? MinNights { get; private set; }
}

internal sealed class NightOverrideConfiguration : IEntityTypeConfiguration<NightOverride>
{
    public void Configure(EntityTypeBuilder<NightOverride> night)
    {
        night.ToTable("calendar_nights", t =>
        {
            t.HasCheckConstraint("ck_calendar_nights_price", "price IS NULL OR price > 0");
            t.HasCheckConstraint("ck_calendar_nights_min_nights", "min_nights IS NULL OR min_nights >= 1");
        });
        night.HasKey(n => new { n.ListingId, n.Night });
        night.HasOne<Listing>().WithMany().HasForeignKey(n => n.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}
