using System.Globalization;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using Microsoft.Extensions.Primitives;
using Roost.Features.Listings;
using Roost.Platform.Auth;
using Roost.Platform.GraphQL;

namespace Roost.Features.Search;

public sealed class ListingEdgeGraphType : ObjectGraphType<SearchResult>
{
    public ListingEdgeGraphType()
    {
        Name = "ListingEdge";
        Field<ListingGraphType>("node").Description("Batched: one query for the listings of the page.").Resolve(context => context.Listing(context.Source.Id));
        Field<MoneyGraphType>("nightlyPrice").Resolve(context => context.Source.NightlyPrice);
        Field<MoneyGraphType>("total").Description("The stay's total for the dates searched.").Resolve(context => context.Source.Total);
        Field(e => e.Rating, nullable: true);
        Field(e => e.ReviewCount);
        Field(e => e.HostIsSuperhost).Description("The host holds Superhost.");
        Field<MoneyGraphType>("displayNightlyPrice").Description("The nightly price in the currency asked for, for reading.").Resolve(context => context.Source.DisplayNightlyPrice);
        Field<MoneyGraphType>("displayTotal").Description("The stay's total in the currency asked for, for reading; paid in the listing's.").Resolve(context => context.Source.DisplayTotal);
        Field(e => e.DisplayRatesAsOf, nullable: true).Description("The day of the ECB reference rates the display prices use.");
    }
}

public sealed record ListingConnection(IReadOnlyList<SearchResult> Edges, PageInfo PageInfo);

public sealed class ListingConnectionGraphType : ObjectGraphType<ListingConnection>
{
    public ListingConnectionGraphType()
    {
        Name = "ListingConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListingEdgeGraphType>>>>("edges").Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListingGraphType>>>>("nodes").Resolve(context => context.Source.Edges.Select(e => context.Listing(e.Id)).ToList());
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(context => context.Source.PageInfo);
    }
}

public static class SearchGraph
{
    /// <summary>GraphQL names of the REST query parameters they stand for.</summary>
    private static readonly Dictionary<string, string> Renamed = new() { ["first"] = "limit", ["after"] = "cursor" };

    public static void AddSimilarListingsQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListingEdgeGraphType>>>>("similarListings")
            .Description($"Up to {SimilarListings.Count} published homes like this one, as GET /api/v1/listings/{{id}}/similar: the same kind of room within {SimilarListings.RadiusKm:0} km.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<DateOnlyGraphType>("checkIn").Argument<DateOnlyGraphType>("checkOut")
            .Argument<IntGraphType>("guests").Argument<IntGraphType>("pets")
            .Argument<StringGraphType>("currency", "ISO 4217: prices also in it, for reading")
            .ResolveAsync(async context =>
            {
                var today = DateOnly.FromDateTime(context.Service<TimeProvider>().GetUtcNow().UtcDateTime);
                var terms = context.Arguments?.Where(a => a.Key != "listingId").ToDictionary(a => a.Key, a => a.Value);
                var parsed = SearchParameters.Parse(AsQueryString(terms), today);
                if (parsed.Failure is { } failure)
                {
                    throw GraphContext.Error(failure);
                }

                var caller = context.Caller();
                var similar = await context.Service<SimilarListings>().ForAsync(
                    context.GetArgument<Guid>("listingId"), parsed.Value!, caller.Identity?.IsAuthenticated == true ? caller.UserId() : null, context.CancellationToken);
                return similar.Unwrap();
            });

    public static void AddSearchQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListingConnectionGraphType>>("listings")
            .Description("Search published listings, with the same arguments and rules as GET /api/v1/listings.")
            .Argument<StringGraphType>("location")
            .Argument<ListGraphType<NonNullGraphType<FloatGraphType>>>("bbox", "swLat, swLng, neLat, neLng")
            .Argument<FloatGraphType>("lat").Argument<FloatGraphType>("lng").Argument<FloatGraphType>("radiusKm")
            .Argument<DateOnlyGraphType>("checkIn").Argument<DateOnlyGraphType>("checkOut")
            .Argument<IntGraphType>("guests")
            .Argument<IntGraphType>("pets")
            .Argument<IntGraphType>("minPrice").Argument<IntGraphType>("maxPrice")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("propertyType")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("roomType")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("amenities")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("cancellationPolicy")
            .Argument<BooleanGraphType>("instantBook")
            .Argument<BooleanGraphType>("superhost")
            .Argument<StringGraphType>("currency", "ISO 4217: prices also in it (displayNightlyPrice, displayTotal), for reading")
            .Argument<IntGraphType>("minBedrooms").Argument<IntGraphType>("minBeds").Argument<FloatGraphType>("minBathrooms")
            .Argument<StringGraphType>("sort", "relevance, price, -price, rating, newest or distance")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var today = DateOnly.FromDateTime(context.Service<TimeProvider>().GetUtcNow().UtcDateTime);
                var parsed = SearchParameters.Parse(AsQueryString(context.Arguments), today);
                if (parsed.Failure is { } failure)
                {
                    var errors = failure.Errors?.ToDictionary(e => Renamed.FirstOrDefault(r => r.Value == e.Key).Key ?? e.Key, e => e.Value);
                    throw GraphContext.Error(errors is null ? failure : failure with { Errors = errors });
                }

                var caller = context.Caller();
                var page = (await context.Service<ListingSearch>().SearchShownAsync(parsed.Value!, caller.Identity?.IsAuthenticated == true ? caller.UserId() : null, context.CancellationToken)).Unwrap();
                return new ListingConnection(page.Items, new PageInfo(page.NextCursor is not null, page.NextCursor));
            });

    /// <summary>The arguments written as REST's query string, so one parser (and its messages) serves both doors.</summary>
    private static QueryCollection AsQueryString(IDictionary<string, ArgumentValue>? arguments)
    {
        var query = new Dictionary<string, StringValues>();
        foreach (var (name, argument) in arguments ?? new Dictionary<string, ArgumentValue>())
        {
            if (argument.Value is null)
            {
                continue;
            }

            query[Renamed.GetValueOrDefault(name, name)] = argument.Value switch
            {
                IEnumerable<object?> list => string.Join(',', list.Select(Text)),
                var single => Text(single),
            };
        }

        return new QueryCollection(query);
    }

    private static string Text(object? value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
