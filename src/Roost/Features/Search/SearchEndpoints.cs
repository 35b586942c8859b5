using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Http;

namespace Roost.Features.Search;

public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapGet("/listings", Search).AllowAnonymous().WithTags("Search")
            .WithSummary("Find published listings: location, bbox or lat/lng/radiusKm, dates, guests, price, types, amenities; keyset-paged");
        return api;
    }

    private static async Task<Results<Ok<Page<SearchResult>>, ProblemHttpResult>> Search(ListingSearch search, TimeProvider time, HttpContext http)
    {
        var parsed = SearchParameters.Parse(http.Request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return parsed.Succeeded
            ? TypedResults.Ok(await search.SearchAsync(parsed.Value!, http.RequestAborted))
            : parsed.Failure!.ToProblem(http);
    }
}
