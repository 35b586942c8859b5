using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roost.Features.Bookings;
using Roost.Platform.Data;
using Roost.Platform.Time;

namespace Roost.Features.Reviews;

/// <summary>Who wrote it: the guest about the stay, or the host about the guest.</summary>
public enum ReviewSide
{
    Guest,
    Host,
}

/// <summary>
/// One side's review of a completed stay. Hidden until both sides wrote or the window closed, then published
/// together; never edited after. The host may answer the guest's review once.
/// </summary>
public sealed class Review
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);

    private Review()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid AuthorId { get; private set; }

    public Guid SubjectId { get; private set; }

    public ReviewSide Side { get; private set; }

    public int Rating { get; private set; }

    public int? Cleanliness { get; private set; }

    public int? Accuracy { get; private set; }

    public int? CheckIn { get; private set; }

    public int? Communication { get; private set; }

    public int? Location { get; private set; }

    public int? Value { get; private set; }

    public int? HouseRules { get; private set; }

    public string Comment { get; private set; } = "";

    public string? PrivateNote { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? Response { get; private set; }

    public DateTimeOffset? RespondedAt { get; private set; }

    /// <summary>Set when an admin removes a published review that breaks the rules; it then counts nowhere.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    public string? RemovalReason { get; private set; }

    public static Review Write(Booking booking, ReviewSide side, ReviewInput input, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        BookingId = booking.Id,
        ListingId = booking.ListingId,
        AuthorId = side == ReviewSide.Guest ? booking.GuestId : booking.HostId,
        SubjectId = side == ReviewSide.Guest ? booking.HostId : booking.GuestId,
        Side = side,
        Rating = input.Rating,
        Cleanliness = input.Categories?.Cleanliness,
        Accuracy = side == ReviewSide.Guest ? input.Categories?.Accuracy : null,
        CheckIn = side == ReviewSide.Guest ? input.Categories?.CheckIn : null,
        Communication = input.Categories?.Communication,
        Location = side == ReviewSide.Guest ? input.Categories?.Location : null,
        Value = side == ReviewSide.Guest ? input.Categories?.Value : null,
        HouseRules = side == ReviewSide.Host ? input.Categories?.HouseRules : null,
        Comment = input.Comment.Trim(),
        PrivateNote = side == ReviewSide.Guest ? input.PrivateNote?.Trim() : null,
        SubmittedAt = now,
    };

    /// <summary>The window closes 14 days after checkout, at midnight where the home is.</summary>
    public static DateTimeOffset WindowClosesAt(Booking booking)
    {
        return TimeZones.ToUtc(booking.CheckOut.AddDays(Window.Days).ToDateTime(TimeOnly.MinValue), booking.TimeZone);
    }

    public void Publish(DateTimeOffset now) => PublishedAt ??= now;

    public bool Remove(string reason, DateTimeOffset now)
    {
        if (PublishedAt is null || RemovedAt is not null)
        {
            return false;
        }

        RemovedAt = now;
        RemovalReason = reason;
        return true;
    }

    public bool Respond(string text, DateTimeOffset now)
    {
        if (Response is not null || PublishedAt is null || Side != ReviewSide.Guest)
        {
            return false;
        }

        Response = text.Trim();
        RespondedAt = now;
        return true;
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public const string OnePerSide = "ux_reviews_booking_id_side";

    public void Configure(EntityTypeBuilder<Review> review)
    {
        review.ToTable("reviews", t =>
        {
            t.HasCheckConstraint("ck_reviews_rating", "rating BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_reviews_categories", string.Join(" AND ",
                new[] { "cleanliness", "accuracy", "check_in", "communication", "location", "value", "house_rules" }.Select(c => $"({c} IS NULL OR {c} BETWEEN 1 AND 5)")));
        });
        review.HasKey(r => r.Id);
        review.Property(r => r.Side).HasConversion<string>().HasMaxLength(10);
        review.Property(r => r.RemovalReason).HasMaxLength(500);
        review.Property(r => r.Comment).HasMaxLength(2000);
        review.Property(r => r.PrivateNote).HasMaxLength(2000);
        review.Property(r => r.Response).HasMaxLength(2000);
        review.HasIndex(r => new { r.BookingId, r.Side }).IsUnique().HasDatabaseName(OnePerSide);
        review.HasIndex(r => new { r.ListingId, r.PublishedAt }).HasFilter("side = 'Guest' AND published_at IS NOT NULL");
        review.HasIndex(r => new { r.SubjectId, r.PublishedAt }).HasFilter("published_at IS NOT NULL");
        review.HasIndex(r => r.SubmittedAt).HasFilter("published_at IS NULL");
        review.HasOne<Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class ReviewsDb
{
    extension(RoostDb db)
    {
        public DbSet<Review> Reviews => db.Set<Review>();

        /// <summary>The reviews anyone may read and every rating counts: published, and not removed by an admin.</summary>
        public IQueryable<Review> PublicReviews => db.Set<Review>().Where(r => r.PublishedAt != null && r.RemovedAt == null);
    }
}
