using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Features.Accounts;
using Roost.Features.Bookings;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Reviews;

/// <summary>
/// Writing, revealing and answering reviews. The booking row is locked while a side writes, so when both sides write
/// at the same moment the second still sees the first and both are published together.
/// </summary>
public sealed class ReviewWriting(RoostDb db, ListingChanges changes, HybridCache cache, TimeProvider time)
{
    private static readonly string[] GuestCategories = ["cleanliness", "accuracy", "checkIn", "communication", "location", "value"];
    private static readonly string[] HostCategories = ["cleanliness", "houseRules", "communication"];

    public async Task<Outcome<ReviewResponse>> WriteAsync(Guid bookingId, ReviewInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", cancellationToken);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        var me = user.UserId();
        if (booking is null || (booking.GuestId != me && booking.HostId != me))
        {
            return Failure.Forbidden("Only the booking's guest or host can review the stay.");
        }

        var side = booking.GuestId == me ? ReviewSide.Guest : ReviewSide.Host;
        if (MissingCategories(side, input.Categories) is { Count: > 0 } missing)
        {
            return Failure.Validation(missing.ToDictionary(c => $"categories.{c}", _ => new[] { "Rate this from 1 to 5." }));
        }

        var now = time.GetUtcNow();
        if (booking.Status != BookingStatus.Completed)
        {
            return Failure.Unprocessable("Reviews open when the stay is completed.");
        }

        if (now >= Review.WindowClosesAt(booking))
        {
            return Failure.Unprocessable("The 14-day review window for this stay has closed.");
        }

        var review = Review.Write(booking, side, input, now);
        db.Reviews.Add(review);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(ReviewConfiguration.OnePerSide))
        {
            return Failure.Conflict("You already reviewed this stay.");
        }

        var other = await db.Reviews.SingleOrDefaultAsync(r => r.BookingId == bookingId && r.Side != side && r.PublishedAt == null, cancellationToken);
        if (other is not null)
        {
            await PublishAsync([review, other], now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ReviewResponse.From(review);
    }

    /// <summary>Reveals the reviews whose window has closed with one side silent. Idempotent: published ones are skipped.</summary>
    public async Task<int> PublishDueAsync()
    {
        var now = time.GetUtcNow();
        var waiting = await db.Reviews.AsNoTracking().Where(r => r.PublishedAt == null)
            .Join(db.Bookings, r => r.BookingId, b => b.Id, (r, b) => new { r.Id, Booking = b })
            .ToListAsync();
        var published = 0;
        foreach (var due in waiting.Where(w => now >= Review.WindowClosesAt(w.Booking)))
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {due.Booking.Id} FOR UPDATE");
            var review = await db.Reviews.SingleAsync(r => r.Id == due.Id);
            if (review.PublishedAt is null)
            {
                await PublishAsync([review], now, CancellationToken.None);
                published++;
            }

            await transaction.CommitAsync();
        }

        return published;
    }

    public async Task<Outcome<ReviewResponse>> RespondAsync(Guid reviewId, string text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null || review.RemovedAt is not null || (review.PublishedAt is null && review.SubjectId != user.UserId()))
        {
            return Failure.NotFound("The review");
        }

        if (review.Side != ReviewSide.Guest || review.SubjectId != user.UserId())
        {
            return Failure.Forbidden("Only the reviewed host can respond to a guest's review.");
        }

        if (review.PublishedAt is null)
        {
            return Failure.Unprocessable("The review is not published yet.");
        }

        if (!review.Respond(text, time.GetUtcNow()))
        {
            return Failure.Conflict("This review already has a response.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return ReviewResponse.From(review);
    }

    private async Task PublishAsync(IReadOnlyList<Review> reviews, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var review in reviews)
        {
            review.Publish(now);
            Notify.Add(db, review.SubjectId, "review_published", "A review of you was published", review.Comment, new { reviewId = review.Id, bookingId = review.BookingId }, now);
            if (review.Side == ReviewSide.Guest)
            {
                await ListingRatings.RecordAsync(db, review.ListingId, review.Rating, cancellationToken);
                await UserRatings.RecordAsync(db, review.SubjectId, asHost: true, review.Rating, cancellationToken);
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO listing_review_totals (listing_id, count, rating, cleanliness, accuracy, check_in, communication, location, value)
                    VALUES ({review.ListingId}, 1, {review.Rating}, {review.Cleanliness ?? 0}, {review.Accuracy ?? 0}, {review.CheckIn ?? 0},
                            {review.Communication ?? 0}, {review.Location ?? 0}, {review.Value ?? 0})
                    ON CONFLICT (listing_id) DO UPDATE SET count = listing_review_totals.count + 1,
                        rating = listing_review_totals.rating + EXCLUDED.rating,
                        cleanliness = listing_review_totals.cleanliness + EXCLUDED.cleanliness,
                        accuracy = listing_review_totals.accuracy + EXCLUDED.accuracy,
                        check_in = listing_review_totals.check_in + EXCLUDED.check_in,
                        communication = listing_review_totals.communication + EXCLUDED.communication,
                        location = listing_review_totals.location + EXCLUDED.location,
                        value = listing_review_totals.value + EXCLUDED.value
                    """, cancellationToken);
            }
            else
            {
                await UserRatings.RecordAsync(db, review.SubjectId, asHost: false, review.Rating, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.ChangedAsync(reviews[0].ListingId, cancellationToken);
        foreach (var subject in reviews.Select(r => r.SubjectId).Distinct())
        {
            await cache.RemoveAsync(Profiles.PublicProfileKey(subject), cancellationToken);
        }
    }

    private static List<string> MissingCategories(ReviewSide side, ReviewCategories? c)
    {
        var given = new Dictionary<string, int?>
        {
            ["cleanliness"] = c?.Cleanliness, ["accuracy"] = c?.Accuracy, ["checkIn"] = c?.CheckIn, ["communication"] = c?.Communication,
            ["location"] = c?.Location, ["value"] = c?.Value, ["houseRules"] = c?.HouseRules,
        };
        return (side == ReviewSide.Guest ? GuestCategories : HostCategories).Where(name => given[name] is null).ToList();
    }
}
