using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;
using Roost.Platform.Http;

namespace Roost.Features.Reviews;

/// <summary>Published reviews only (and none an admin removed); the summary comes from running totals, not from the reviews.</summary>
public sealed class ReviewReading(RoostDb db)
{
    public async Task<Outcome<ListingReviews>> ForListingAsync(Guid listingId, int limit, ReviewsCursor? after, CancellationToken cancellationToken)
    {
        if (!await db.Listings.AnyAsync(l => l.Id == listingId && (l.Status == ListingStatus.Published || l.Status == ListingStatus.Unlisted), cancellationToken))
        {
            return Failure.NotFound("The listing");
        }

        var totals = await db.Set<ReviewTotals>().AsNoTracking().SingleOrDefaultAsync(t => t.ListingId == listingId, cancellationToken)
            ?? new ReviewTotals { ListingId = listingId };
        var page = await PageAsync(db.PublicReviews.Where(r => r.ListingId == listingId && r.Side == ReviewSide.Guest), limit, after, cancellationToken);
        return new ListingReviews(totals.Breakdown(), page.Items, page.NextCursor);
    }

    public Task<Page<ReviewResponse>> AboutUserAsync(Guid userId, int limit, ReviewsCursor? after, CancellationToken cancellationToken) =>
        PageAsync(db.PublicReviews.Where(r => r.SubjectId == userId), limit, after, cancellationToken);

    /// <summary>Every review the user wrote, published or not yet: their own words.</summary>
    public async Task<IReadOnlyList<ReviewResponse>> WrittenByAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.Reviews.AsNoTracking().Where(r => r.AuthorId == userId).OrderBy(r => r.SubmittedAt).ToListAsync(cancellationToken)).Select(ReviewResponse.From)];

    /// <summary>
    /// The first page of published guest reviews of many listings in one query (a window per listing): GraphQL's
    /// batch for <c>reviews(first: n)</c> across a search page.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Page<ReviewResponse>>> FirstPagesAsync(IReadOnlyCollection<Guid> listingIds, int limit, CancellationToken cancellationToken)
    {
        var reviews = db.PublicReviews;
        var rows = await db.Listings.Where(l => listingIds.Contains(l.Id))
            .SelectMany(l => reviews.Where(r => r.ListingId == l.Id && r.Side == ReviewSide.Guest)
                .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Take(limit + 1))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var byListing = rows.GroupBy(r => r.ListingId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList());
        return listingIds.ToDictionary(id => id, id =>
        {
            var reviews = byListing.GetValueOrDefault(id) ?? [];
            var items = reviews.Take(limit).Select(ReviewResponse.From).ToList();
            return new Page<ReviewResponse>(items, reviews.Count > limit ? Cursor.Encode(new ReviewsCursor(items[^1].PublishedAt!.Value, items[^1].Id)) : null);
        });
    }

    /// <param name="reviews">Already narrowed to public reviews.</param>
    private static async Task<Page<ReviewResponse>> PageAsync(IQueryable<Review> reviews, int limit, ReviewsCursor? after, CancellationToken cancellationToken)
    {
        var query = reviews.AsNoTracking();
        if (after is { } cursor)
        {
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.PublishedAt!.Value, r.Id), ValueTuple.Create(cursor.PublishedAt, cursor.Id)));
        }

        var rows = await query.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(ReviewResponse.From).ToList();
        return new Page<ReviewResponse>(items, rows.Count > limit ? Cursor.Encode(new ReviewsCursor(items[^1].PublishedAt!.Value, items[^1].Id)) : null);
    }
}
