using Microsoft.EntityFrameworkCore;
using Roost.Features.Listings;
using Roost.Platform.Data;
using Roost.Platform.Errors;

namespace Roost.Features.Search;

/// <summary>
/// "Homes like this one" for a listing's page: published homes of the same kind of room within
/// <see cref="RadiusKm"/> of its public point, for the same dates and party when the guest gave them, ranked as the
/// search ranks them. It is the search itself, narrowed: the same availability, prices and instant-book rules apply.
/// </summary>
public sealed class SimilarListings(RoostDb db, ListingSearch search)
{
    public const double RadiusKm = 25;
    public const int Count = 6;

    /// <param name="asked">The guest's own terms, parsed as a search's (dates, guests, pets); where to look is not theirs to say.</param>
    public async Task<Outcome<IReadOnlyList<SearchResult>>> ForAsync(Guid listingId, SearchParameters asked, Guid? callerId, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking()
            .Where(l => l.Id == listingId && l.Status == ListingStatus.Published)
            .Select(l => new { l.PublicLatitude, l.PublicLongitude, l.RoomType })
            .SingleOrDefaultAsync(cancellationToken);
        if (listing is not { PublicLatitude: { } lat, PublicLongitude: { } lng })
        {
            return Failure.NotFound("The listing");
        }

        var around = asked with
        {
            Location = null,
            Box = null,
            Circle = new GeoCircle(lat, lng, RadiusKm),
            RoomTypes = [listing.RoomType],
            Sort = SearchSort.Relevance,
            Limit = Count + 1,
            After = null,
        };
        var page = await search.SearchShownAsync(around, callerId, cancellationToken);
        return page.Failure is { } failure ? failure : page.Value!.Items.Where(i => i.Id != listingId).Take(Count).ToList();
    }
}
