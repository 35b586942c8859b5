using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Listings;

namespace Roost.Features.Calendar;

public enum OccupancyKind
{
    HostBlock,
    ImportedBlock,
    Booking,
}

/// <summary>
/// A range of nights that is not free. Host blocks, imported blocks and live bookings all live in this one table,
/// so "is this night free" has exactly one answer, and two exclusion constraints make overlap impossible:
/// no two occupancies share a night, and two bookings also keep the preparation nights between them.
/// A booking that ends (cancelled, declined, expired) deletes its occupancy, which frees the nights at once.
/// </summary>
public sealed class Occupancy
{
    private Occupancy()
    {
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public OccupancyKind Kind { get; private set; }

    public DateOnly StartsOn { get; private set; }

    /// <summary>Exclusive: the checkout day, or the first free day after a block.</summary>
    public DateOnly EndsOn { get; private set; }

    /// <summary>Preparation nights after a booking, as the listing had them when it was booked.</summary>
    public int BufferNights { get; private set; }

    public Guid? CalendarImportId { get; private set; }

    public string? Summary { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public NightRange Nights => new(StartsOn, EndsOn);

    public static Occupancy HostBlock(Guid listingId, NightRange nights, DateTimeOffset now) =>
        New(listingId, OccupancyKind.HostBlock, nights, 0, null, null, now);

    public static Occupancy Imported(Guid listingId, Guid importId, NightRange nights, string? summary, DateTimeOffset now) =>
        New(listingId, OccupancyKind.ImportedBlock, nights, 0, importId, summary, now);

    public static Occupancy Booking(Guid listingId, NightRange nights, int preparationNights, DateTimeOffset now) =>
        New(listingId, OccupancyKind.Booking, nights, preparationNights, null, null, now);

    private static Occupancy New(Guid listingId, OccupancyKind kind, NightRange nights, int buffer, Guid? importId, string? summary, DateTimeOffset now) =>
        nights.IsEmpty
            ? throw new ArgumentException("An occupancy needs at least one night.", nameof(nights))
            : new Occupancy
            {
                Id = Guid.CreateVersion7(now),
                ListingId = listingId,
                Kind = kind,
                StartsOn = nights.Start,
                EndsOn = nights.End,
                BufferNights = buffer,
                CalendarImportId = importId,
                Summary = summary?.Length > 200 ? summary[..200] : summary,
                CreatedAt = now,
            };
}

internal sealed class OccupancyConfiguration : IEntityTypeConfiguration<Occupancy>
{
    public const string NoSharedNight = "ex_occupancies_no_shared_night";
    public const string BookingsKeepPreparation = "ex_occupancies_bookings_keep_preparation";

    public void Configure(EntityTypeBuilder<Occupancy> occupancy)
    {
        // The two EXCLUDE constraints are created in the migration by SQL; EF has no model for them.
        occupancy.ToTable("occupancies", t =>
        {
            t.HasCheckConstraint("ck_occupancies_range", "ends_on > starts_on");
            t.HasCheckConstraint("ck_occupancies_buffer", $"buffer_nights BETWEEN 0 AND {Listing.MaxPreparationNights}");
        });
        occupancy.HasKey(o => o.Id);
        occupancy.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        occupancy.Property(o => o.Summary).HasMaxLength(200);
        occupancy.HasOne<Listing>().WithMany().HasForeignKey(o => o.ListingId).OnDelete(DeleteBehavior.Cascade);
        occupancy.HasOne<CalendarImport>().WithMany().HasForeignKey(o => o.CalendarImportId).OnDelete(DeleteBehavior.Cascade);
        // Only imported blocks have an import; bookings, nearly every row, stay out of this index.
        occupancy.HasIndex(o => o.CalendarImportId).HasFilter("calendar_import_id IS NOT NULL");
        // The calendar read's index (made in SQL by the first migration) also serves the listing's foreign key, so EF
        // adds no index of its own for it.
        occupancy.HasIndex(o => new { o.ListingId, o.EndsOn }).IncludeProperties(o => new { o.StartsOn, o.Kind, o.BufferNights })
            .HasDatabaseName("ix_occupancies_listing_ends");
        occupancy.Ignore(o => o.Nights);
    }
}
