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
}
