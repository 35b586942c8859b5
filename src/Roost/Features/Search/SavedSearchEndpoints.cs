using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;

namespace Roost.Features.Search;

public static class SavedSearchEndpoints
{
    public static RouteGroupBuilder MapSavedSearches(this RouteGroupBuilder api)
    {
        var saved = api.MapGroup("/me/saved-searches").WithTags("Search").RequireAuthorization();
        saved.MapPost("", Save).WithSummary("Keep a search (GET /listings' query string) and, by default, hear of new homes for it");
        saved.MapGet("", List).WithSummary("Your saved searches");
        saved.MapPatch("/{id:guid}", Change).WithSummary("Rename a saved search or switch its alerts");
        saved.MapDelete("/{id:guid}", Delete).WithSummary("Forget a saved search");
        return api;
    }

    public static void ScheduleSearchJobs(this IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<SavedSearches>("search:saved-search-alerts", s => s.AlertAsync(), "20 * * * *");
        jobs.AddOrUpdate<SearchPlaces>("search:prune-places", p => p.PruneAsync(), "40 4 * * *");
    }

    private static async Task<Results<Created<SavedSearchResponse>, ProblemHttpResult>> Save(SaveSearchRequest request, SavedSearches searches, HttpContext http)
    {
        var outcome = await searches.SaveAsync(http.User.UserId(), request, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/me/saved-searches/{outcome.Value!.Id}", outcome.Value) : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Ok<IReadOnlyList<SavedSearchResponse>>> List(SavedSearches searches, HttpContext http) =>
        TypedResults.Ok(await searches.ListAsync(http.User.UserId(), http.RequestAborted));

    private static async Task<Results<Ok<SavedSearchResponse>, ProblemHttpResult>> Change(Guid id, ChangeSavedSearchRequest request, SavedSearches searches, HttpContext http) =>
        (await searches.ChangeAsync(http.User.UserId(), id, request, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, SavedSearches searches, HttpContext http) =>
        await searches.DeleteAsync(http.User.UserId(), id, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();
}
