using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.Audit;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Notifications;

namespace Roost.Features.Reviews;

/// <summary>
/// An admin removing a published review that breaks the rules (abuse, a review of someone else's stay). It leaves
/// every list, and the ratings it fed are counted again from the reviews that remain, so nothing of it lingers in an
/// average; its author is told why.
/// </summary>
public sealed class ReviewModeration(RoostDb db, ListingChanges changes, HybridCache cache, TimeProvider time)
{
    public async Task<Failure?> RemoveAsync(Guid reviewId, Guid adminId, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null)
        {
            return Failure.NotFound("The review");
        }

        var now = time.GetUtcNow();
        if (!review.Remove(reason, now))
        {
            return Failure.Conflict(review.RemovedAt is null ? "Only a published review can be removed." : "This review was already removed.");
        }

        // Publishing adds to these rows with atomic increments; holding them while recounting means a review being
        // published at this moment is either in the recount or added after it, never lost.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM listings WHERE id = {review.ListingId} FOR UPDATE", cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE id = {review.SubjectId} FOR UPDATE", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var asHost = review.Side == ReviewSide.Guest;
        var aboutSubject = await db.PublicReviews.Where(r => r.SubjectId == review.SubjectId && r.Side == review.Side)
            .GroupBy(r => 1).Select(g => new { Count = g.Count(), Average = g.Average(r => (double)r.Rating) })
            .SingleOrDefaultAsync(cancellationToken);
        await UserRatings.SetAsync(db, review.SubjectId, asHost, aboutSubject?.Average, aboutSubject?.Count ?? 0, cancellationToken);
        if (asHost)
        {
            await RecountListingAsync(review.ListingId, cancellationToken);
        }

        Notify.Add(db, review.AuthorId, "review_removed", "Your review was removed",
            $"Your review of a stay was removed for breaking the review rules: {reason.TrimEnd('.')}.", new { reviewId = review.Id, bookingId = review.BookingId }, now);
        Audit.Add(db, adminId, "remove_review", review.Id, reason, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.ChangedAsync(review.ListingId, cancellationToken);
        await cache.RemoveAsync(Profiles.PublicProfileKey(review.SubjectId), cancellationToken);
        return null;
    }

    private async Task RecountListingAsync(Guid listingId, CancellationToken cancellationToken)
    {
        var sums = await db.PublicReviews.Where(r => r.ListingId == listingId && r.Side == ReviewSide.Guest)
            .GroupBy(r => 1)
            .Select(g => new ReviewTotals
            {
                ListingId = listingId,
                Count = g.Count(),
                Rating = g.Sum(r => (long)r.Rating),
                Cleanliness = g.Sum(r => (long)(r.Cleanliness ?? 0)),
                Accuracy = g.Sum(r => (long)(r.Accuracy ?? 0)),
                CheckIn = g.Sum(r => (long)(r.CheckIn ?? 0)),
                Communication = g.Sum(r => (long)(r.Communication ?? 0)),
                Location = g.Sum(r => (long)(r.Location ?? 0)),
                Value = g.Sum(r => (long)(r.Value ?? 0)),
            })
            .SingleOrDefaultAsync(cancellationToken) ?? new ReviewTotals { ListingId = listingId };
        await ListingRatings.SetAsync(db, listingId, sums.Count == 0 ? null : (double)sums.Rating / sums.Count, sums.Count, cancellationToken);

        var totals = await db.Set<ReviewTotals>().SingleOrDefaultAsync(t => t.ListingId == listingId, cancellationToken);
        if (totals is null)
        {
            db.Add(sums);
            return;
        }

        db.Entry(totals).CurrentValues.SetValues(sums);
    }
}
