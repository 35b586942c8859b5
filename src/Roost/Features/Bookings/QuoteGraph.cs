using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;

namespace Roost.Features.Bookings;

/// <summary>The quote's arguments for who is coming, as REST's query string names them.</summary>
internal static class PartyArgumentsExtensions
{
    public static FieldBuilder<TSource, object> PartyArguments<TSource>(this FieldBuilder<TSource, object> field) => field
        .Argument<IntGraphType>("guests", "Adults and children.", a => a.DefaultValue = 1)
        .Argument<IntGraphType>("infants", "Under two; they do not count towards what the home sleeps.", a => a.DefaultValue = 0)
        .Argument<IntGraphType>("pets", "Assistance animals are not pets.", a => a.DefaultValue = 0);

    public static Party Party(this IResolveFieldContext context) =>
        new(context.GetArgument<int>("guests"), context.GetArgument<int>("infants"), context.GetArgument<int>("pets"));
}

/// <summary><c>Listing.quote(checkIn, checkOut, guests, infants, pets)</c>: the same quote as REST's.</summary>
public sealed class ListingQuoteField : IGraphExtension<ListingGraphType>
{
    public void Extend(ListingGraphType type) =>
        type.Field<RecordGraphType<Quote>>("quote").Description("What the stay costs; an UNPROCESSABLE error lists why it cannot be booked.")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("checkIn")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("checkOut")
            .PartyArguments()
            .Argument<StringGraphType>("currency", "ISO 4217: the quote's sums also in it (display), for reading")
            .ResolveAsync(async context => (await context.Service<ShownQuotes>().QuoteAsync(
                context.Source.Id, context.GetArgument<DateOnly>("checkIn"), context.GetArgument<DateOnly>("checkOut"), context.Party(),
                context.GetArgument<string?>("currency"), context.CancellationToken)).Unwrap());
}
