using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Listings;

/// <summary>The listing's rating, kept up to date when a review is published (the reviews feature calls this).</summary>
public static class ListingRatings
{
    /// <summary>One atomic UPDATE, so two reviews published at once both count.</summary>
    public static Task RecordAsync(RoostDb db, Guid listingId, int rating, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE listings SET rating_average = (coalesce(rating_average, 0) * review_count + {rating}) / (review_count + 1),
                                review_count = review_count + 1
            WHERE id = {listingId}
            """, cancellationToken);

    /// <summary>Sets what the reviews feature recounted after a review was removed; the row is locked by the caller first.</summary>
    public static Task SetAsync(RoostDb db, Guid listingId, double? average, int count, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"UPDATE listings SET rating_average = {average}, review_count = {count} WHERE id = {listingId}", cancellationToken);
}
