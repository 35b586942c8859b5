using Microsoft.AspNetCore.Http.HttpResults;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost.Features.Listings;

public static class ListingEndpoints
{
    public static RouteGroupBuilder MapListings(this RouteGroupBuilder api)
    {
        var listings = api.MapGroup("/listings").WithTags("Listings");
        listings.MapPost("", Create).RequireAuthorization(Policies.Host).WithSummary("Create a draft listing");
        listings.MapGet("/{id:guid}", Get).AllowAnonymous().WithSummary("Listing detail (drafts: owner only)");
        listings.MapPatch("/{id:guid}", Update).RequireAuthorization().WithSummary("Change listing fields; absent fields stay");
        listings.MapDelete("/{id:guid}", Archive).RequireAuthorization().WithSummary("Archive the listing");
        listings.MapPost("/{id:guid}/publish", Publish).RequireAuthorization().WithSummary("Publish; 422 lists what is missing");
        listings.MapPost("/{id:guid}/unpublish", Unpublish).RequireAuthorization().WithSummary("Hide from search (unlisted)");

        api.MapGet("/host/listings", ListMine).RequireAuthorization(Policies.Host).WithTags("Listings").WithSummary("Your listings, any status");
        api.MapGet("/amenities", () => TypedResults.Ok(AmenityCatalogue.All)).AllowAnonymous().WithTags("Listings").WithSummary("The amenity catalogue");
        return api;
    }

    private static async Task<Results<Created<ListingResponse>, ProblemHttpResult>> Create(ListingInput input, HostListings listings, HttpContext http)
    {
        var outcome = await listings.CreateAsync(http.User.UserId(), input, http.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/listings/{outcome.Value!.Id}", outcome.Value)
            : outcome.Failure!.ToProblem(http);
    }

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> Get(Guid id, ListingReader reader, ExchangeRates rates, HttpContext http, string? currency = null)
    {
        var display = await rates.ForRequestAsync(currency, http.RequestAborted);
        if (display.Failure is { } refused)
        {
            return refused.ToProblem(http);
        }

        var listing = await reader.GetAsync(id, http.User, http.RequestAborted);
        return listing.Failure is { } failure ? failure.ToProblem(http) : TypedResults.Ok(listing.Value!.ShownIn(display.Value));
    }

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> Update(Guid id, ListingInput input, HostListings listings, HttpContext http) =>
        (await listings.UpdateAsync(id, input, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<NoContent, ProblemHttpResult>> Archive(Guid id, HostListings listings, HttpContext http) =>
        await listings.ArchiveAsync(id, http.User, http.RequestAborted) is { } failure ? failure.ToProblem(http) : TypedResults.NoContent();

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> Publish(Guid id, HostListings listings, HttpContext http) =>
        (await listings.PublishAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> Unpublish(Guid id, HostListings listings, HttpContext http) =>
        (await listings.UnpublishAsync(id, http.User, http.RequestAborted)).ToResult(http);

    private static async Task<Results<Ok<Page<ListingSummary>>, ProblemHttpResult>> ListMine(
        HostListings listings, HttpContext http, int limit = 20, string? cursor = null)
    {
        return PageRequest.Check<HostListingsCursor>(limit, cursor, out var position) is { } bad
            ? bad.ToProblem(http)
            : TypedResults.Ok(await listings.ListMineAsync(http.User.UserId(), limit, position?.CreatedAt, position?.Id, http.RequestAborted));
    }
}
