using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Roost.Platform.Auth;
using Roost.Platform.Errors;
using Roost.Platform.Http;

namespace Roost.Features.Search;

public static class SearchEndpoints
{
    /// <summary>
    /// The query string <see cref="SearchParameters.Parse"/> reads. It parses the raw query so that every bad value
    /// becomes a 400 naming its parameter; the document learns the parameters from here instead.
    /// </summary>
    private static readonly (string Name, JsonSchemaType Type, string? Format, string Description)[] QueryParameters =
    [
        ("location", JsonSchemaType.String, null, "City, region or country, accents and case ignored (at most 100 characters)."),
        ("bbox", JsonSchemaType.String, null, "swLat,swLng,neLat,neLng."),
        ("lat", JsonSchemaType.Number, "double", "Centre latitude, with lng."),
        ("lng", JsonSchemaType.Number, "double", "Centre longitude, with lat."),
        ("radiusKm", JsonSchemaType.Number, "double", $"Around lat/lng, at most {SearchParameters.MaxRadiusKm} km (25 by default)."),
        ("checkIn", JsonSchemaType.String, "date", "With checkOut: only listings free and bookable for that stay, priced for it."),
        ("checkOut", JsonSchemaType.String, "date", "With checkIn."),
        ("guests", JsonSchemaType.Integer, "int32", "1 to 50."),
        ("pets", JsonSchemaType.Integer, "int32", "0 to 5: only listings that take that many pets, priced with their pet fee."),
        ("minPrice", JsonSchemaType.Integer, "int32", "Nightly price, minor units."),
        ("maxPrice", JsonSchemaType.Integer, "int32", "Nightly price, minor units."),
        ("propertyType", JsonSchemaType.String, null, "Comma-separated: apartment, house, ..."),
        ("roomType", JsonSchemaType.String, null, "Comma-separated: entire_place, private_room, shared_room."),
        ("amenities", JsonSchemaType.String, null, "Comma-separated codes from GET /amenities; all must be present."),
        ("cancellationPolicy", JsonSchemaType.String, null, "Comma-separated: flexible, moderate, firm, strict, non_refundable (any of them)."),
        ("instantBook", JsonSchemaType.Boolean, null, "Only listings that book instantly."),
        ("superhost", JsonSchemaType.Boolean, null, "Only listings whose host holds Superhost."),
        ("currency", JsonSchemaType.String, null, "ISO 4217 code: each item's prices also in it (displayNightlyPrice, displayTotal, at the ECB reference rates of displayRatesAsOf), for reading; stays are paid in the listing's currency."),
        ("minBedrooms", JsonSchemaType.Integer, "int32", "0 to 50."),
        ("minBeds", JsonSchemaType.Integer, "int32", "0 to 100."),
        ("minBathrooms", JsonSchemaType.Number, "double", "0 to 50, in halves."),
        ("sort", JsonSchemaType.String, null, "relevance (default), price, -price, rating, newest, or distance (with lat and lng)."),
        ("limit", JsonSchemaType.Integer, "int32", $"1 to {SearchParameters.MaxLimit} (20 by default)."),
        ("cursor", JsonSchemaType.String, null, "nextCursor of the previous page."),
    ];

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapGet("/listings", Search).AllowAnonymous().WithTags("Search")
            .WithSummary("Find published listings: location, bbox or lat/lng/radiusKm, dates, guests, price, types, amenities; keyset-paged")
            .AddOpenApiOperationTransformer((operation, _, _) => Document(operation, QueryParameters));
        // A home's neighbours take the guest's own terms; where to look comes from the home.
        string[] similarTerms = ["checkIn", "checkOut", "guests", "pets", "currency"];
        api.MapGet("/listings/{id:guid}/similar", Similar).AllowAnonymous().WithTags("Search")
            .WithSummary($"Up to {SimilarListings.Count} published homes like this one: the same kind of room within {SimilarListings.RadiusKm:0} km, free and priced for checkIn/checkOut/guests/pets when given")
            .AddOpenApiOperationTransformer((operation, _, _) => Document(operation, QueryParameters.Where(p => similarTerms.Contains(p.Name))));
        return api;
    }

    private static Task Document(OpenApiOperation operation, IEnumerable<(string Name, JsonSchemaType Type, string? Format, string Description)> parameters)
    {
        operation.Parameters ??= [];
        foreach (var (name, type, format, description) in parameters)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = type, Format = format },
            });
        }

        return Task.CompletedTask;
    }

    private static async Task<Results<Ok<IReadOnlyList<SearchResult>>, ProblemHttpResult>> Similar(Guid id, SimilarListings similar, TimeProvider time, HttpContext http)
    {
        var parsed = SearchParameters.Parse(http.Request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (parsed.Failure is { } refused)
        {
            return refused.ToProblem(http);
        }

        return (await similar.ForAsync(id, parsed.Value!, http.User.Identity?.IsAuthenticated == true ? http.User.UserId() : null, http.RequestAborted)).ToResult(http);
    }

    private static async Task<Results<Ok<Page<SearchResult>>, ProblemHttpResult>> Search(ListingSearch search, TimeProvider time, HttpContext http)
    {
        var parsed = SearchParameters.Parse(http.Request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return parsed.Succeeded
            ? (await search.SearchShownAsync(parsed.Value!, http.User.Identity?.IsAuthenticated == true ? http.User.UserId() : null, http.RequestAborted)).ToResult(http)
            : parsed.Failure!.ToProblem(http);
    }
}
