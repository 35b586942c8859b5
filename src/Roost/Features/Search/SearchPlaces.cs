using Microsoft.EntityFrameworkCore;
using Roost.Platform.Data;

namespace Roost.Features.Search;

/// <summary>
/// The places a search by place matches against (<c>search_places</c>) are added by triggers as listings arrive or
/// move; this forgets the ones no listing is in any more, so the fuzzy match keeps to places that can answer.
/// </summary>
public sealed class SearchPlaces(RoostDb db, ILogger<SearchPlaces> logger)
{
    public async Task<int> PruneAsync()
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        // The listing triggers insert places under ROW EXCLUSIVE, which this lock waits for and holds off: a listing
        // that arrives in a place while it is being pruned either committed before the delete looked (and keeps its
        // place) or writes its place after the delete.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE search_places IN SHARE ROW EXCLUSIVE MODE");
        var pruned = await db.Database.ExecuteSqlRawAsync(
            """
            DELETE FROM search_places p
            WHERE NOT EXISTS (SELECT 1 FROM listings l WHERE l.search_location = p.search_location)
            """);
        await transaction.CommitAsync();
        if (pruned > 0)
        {
            logger.LogInformation("Forgot {Count} search places no listing is in", pruned);
        }

        return pruned;
    }
}
