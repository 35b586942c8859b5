using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Accounts;

namespace Roost.Features.Listings;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> listing)
    {
        listing.ToTable("listings", t =>
        {
            t.HasCheckConstraint("ck_listings_latitude", "latitude BETWEEN -90 AND 90");
            t.HasCheckConstraint("ck_listings_longitude", "longitude BETWEEN -180 AND 180");
            t.HasCheckConstraint("ck_listings_prices", "nightly_price > 0 AND (weekend_price IS NULL OR weekend_price > 0) AND cleaning_fee >= 0 AND extra_guest_fee >= 0");
            t.HasCheckConstraint("ck_listings_discounts", "weekly_discount_percent BETWEEN 0 AND 90 AND monthly_discount_percent BETWEEN 0 AND 90");
            t.HasCheckConstraint("ck_listings_nights", "min_nights >= 1 AND min_nights <= max_nights");
            t.HasCheckConstraint("ck_listings_stay_days", "check_in_days BETWEEN 1 AND 127 AND check_out_days BETWEEN 1 AND 127");
            t.HasCheckConstraint("ck_listings_pets", "max_pets BETWEEN 0 AND 5 AND pet_fee >= 0");
            t.HasCheckConstraint("ck_listings_timing_discounts",
                "last_minute_discount_percent BETWEEN 0 AND 90 AND last_minute_days BETWEEN 1 AND 28 AND early_bird_discount_percent BETWEEN 0 AND 90 AND early_bird_months BETWEEN 1 AND 24");
        });
        listing.HasKey(l => l.Id);
        listing.HasOne<User>().WithMany().HasForeignKey(l => l.HostId).OnDelete(DeleteBehavior.Restrict);
        listing.HasIndex(l => new { l.HostId, l.CreatedAt });
        listing.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        listing.Property(l => l.StatusBeforeSuspension).HasConversion<string>().HasMaxLength(20);
        listing.Property(l => l.SuspensionReason).HasMaxLength(500);
        listing.Property(l => l.PropertyType).HasConversion<string>().HasMaxLength(20);
        listing.Property(l => l.RoomType).HasConversion<string>().HasMaxLength(20);
        listing.Property(l => l.CancellationPolicy).HasConversion<string>().HasMaxLength(20);
        listing.Property(l => l.InstantBookFor).HasConversion<string>().HasMaxLength(20);
        // Rows written without these (the search benchmark's COPY, older code) allow every day.
        listing.Property(l => l.CheckInDays).HasDefaultValue(StayDays.Every);
        listing.Property(l => l.CheckOutDays).HasDefaultValue(StayDays.Every);
        listing.Property(l => l.LastMinuteDays).HasDefaultValue(7);
        listing.Property(l => l.EarlyBirdMonths).HasDefaultValue(3);
        listing.Property(l => l.Title).HasMaxLength(100);
        listing.Property(l => l.Description).HasMaxLength(5000);
        listing.Property(l => l.HouseRules).HasMaxLength(5000);
        listing.Property(l => l.CheckInInstructions).HasMaxLength(5000);
        // numeric's round goes half away from zero; a float's nearest-even would disagree at the boundaries.
        listing.Property(l => l.PublicLatitude).HasComputedColumnSql("round(latitude::numeric, 3)::double precision", stored: true);
        listing.Property(l => l.PublicLongitude).HasComputedColumnSql("round(longitude::numeric, 3)::double precision", stored: true);
        listing.Property(l => l.TimeZone).HasMaxLength(64);
        listing.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        listing.Property(l => l.Bathrooms).HasPrecision(4, 1);
        listing.Property(l => l.Amenities).HasColumnType("text[]");
        listing.Property(l => l.CalendarToken).HasMaxLength(64);
        // Written only by CoHosts' SQL; EF reads it.
        listing.Property(l => l.CoHostPayouts).HasColumnType("jsonb").HasConversion(CoHostPayoutsJson.Converter, CoHostPayoutsJson.Comparer);
        listing.ComplexProperty(l => l.Address, address =>
        {
            address.Property(a => a.Street).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Region).HasMaxLength(100);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.CountryCode).HasMaxLength(2);
        });
        listing.HasMany(l => l.Photos).WithOne().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);
        listing.Navigation(l => l.Photos).AutoInclude(false);
    }
}

internal sealed class ListingPhotoConfiguration : IEntityTypeConfiguration<ListingPhoto>
{
    public void Configure(EntityTypeBuilder<ListingPhoto> photo)
    {
        photo.ToTable("listing_photos");
        photo.HasKey(p => p.Id);
        photo.HasIndex(p => new { p.ListingId, p.Position });
        photo.Property(p => p.Caption).HasMaxLength(500);
        photo.Property(p => p.ContentType).HasMaxLength(50);
        photo.Property(p => p.StorageKey).HasMaxLength(200);
        photo.Ignore(p => p.Url);
    }
}

internal sealed class AmenityConfiguration : IEntityTypeConfiguration<Amenity>
{
    public void Configure(EntityTypeBuilder<Amenity> amenity)
    {
        amenity.ToTable("amenities");
        amenity.HasKey(a => a.Code);
        amenity.Property(a => a.Code).HasMaxLength(40);
        amenity.Property(a => a.Name).HasMaxLength(100);
        amenity.Property(a => a.Category).HasMaxLength(40);
        amenity.HasData(AmenityCatalogue.All);
    }
}
