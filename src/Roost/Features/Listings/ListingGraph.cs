using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Roost.Features.Accounts;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;
using Roost.Platform.Money;

namespace Roost.Features.Listings;

public sealed class ListingGraphType : RecordGraphType<ListingResponse>
{
    public ListingGraphType(IEnumerable<IGraphExtension<ListingGraphType>> extensions) : base(l => l.Host)
    {
        Name = "Listing";
        Description = "A home. Prices are minor units of `currency`; street, postal code and exact position are for its host.";
        Field<NonNullGraphType<UserGraphType>>("host").Description("Batched: one query for the hosts of a whole page.")
            .Resolve(context => context.Profile(context.Source.HostId));
        foreach (var extension in extensions)
        {
            extension.Extend(this);
        }
    }
}

public sealed class HostListingPageGraphType() : PageGraphType<RecordGraphType<ListingSummary>, ListingSummary>("HostListingPage");

public static class ListingGraph
{
    /// <summary>Listings by id for one request, batched: the nodes of a search page, the listing of each booking.</summary>
    public static IDataLoaderResult<ListingResponse?> Listing(this IResolveFieldContext context, Guid listingId) =>
        context.Loaders().For<Guid, ListingResponse>("listings", (ids, token) => context.Service<ListingReader>().GetManyAsync(ids, context.Caller(), token)).Load(listingId);

    public static void AddListingQueries(this ObjectGraphType query)
    {
        query.Field<ListingGraphType>("listing").Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("currency", "ISO 4217: the prices also in it (display), for reading")
            .ResolveAsync(async context =>
            {
                var display = (await context.Service<ExchangeRates>().ForRequestAsync(context.GetArgument<string?>("currency"), context.CancellationToken)).Unwrap();
                return (await context.Service<ListingReader>().GetAsync(context.Id("id"), context.Caller(), context.CancellationToken)).Unwrap().ShownIn(display);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<Amenity>>>>>("amenities").Description("The amenity catalogue.")
            .Resolve(_ => AmenityCatalogue.All);
        query.Field<NonNullGraphType<HostListingPageGraphType>>("hostListings").Description("Your listings, any status, newest first (hosts).")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var host = context.RequireHost();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<HostListingsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<HostListings>().ListMineAsync(host, first, after?.CreatedAt, after?.Id, context.CancellationToken);
            });
    }

    public static void AddListingMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ListingGraphType>>("createListing").Description("A new draft (hosts).")
            .Argument<NonNullGraphType<RecordInputGraphType<ListingInput>>>("input")
            .ResolveAsync(async context => (await context.Service<HostListings>().CreateAsync(
                context.RequireHost(), GraphContext.Valid(context.GetArgument<ListingInput>("input")), context.CancellationToken)).Unwrap());
        mutation.Field<NonNullGraphType<ListingGraphType>>("updateListing").Description("Changes the fields given; absent ones stay.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<RecordInputGraphType<ListingInput>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireHost();
                return (await context.Service<HostListings>().UpdateAsync(
                    context.Id("id"), GraphContext.Valid(context.GetArgument<ListingInput>("input")), context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<ListingGraphType>>("publishListing")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                context.RequireHost();
                return (await context.Service<HostListings>().PublishAsync(context.Id("id"), context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<ListingGraphType>>("unpublishListing")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                context.RequireHost();
                return (await context.Service<HostListings>().UnpublishAsync(context.Id("id"), context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("archiveListing")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                context.RequireHost();
                (await context.Service<HostListings>().ArchiveAsync(context.Id("id"), context.Caller(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
    }
}
