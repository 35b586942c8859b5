using GraphQL;
using GraphQL.Types;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;

namespace Roost.Features.Calendar;


/// <summary><c>Listing.calendar(from, to)</c>: the nights as the REST calendar shows them to this caller.</summary>
public sealed class ListingCalendarField : IGraphExtension<ListingGraphType>
{
    public void Extend(ListingGraphType type) =>
        type.Field<NonNullGraphType<RecordGraphType<CalendarResponse>>>("calendar")
            .Argument<DateOnlyGraphType>("from")
            .Argument<DateOnlyGraphType>("to")
            .ResolveAsync(async context => (await context.Service<ListingCalendar>().ReadAsync(
                context.Source.Id, context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"), context.Caller(), context.CancellationToken)).Unwrap());
}

public static class CalendarGraph
{
    public static void AddCalendarMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RecordGraphType<CalendarResponse>>>("setCalendar")
            .Description("Block, unblock, price or set the minimum stay of the nights [from, to).")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<RecordInputGraphType<CalendarWrite>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<ListingCalendar>().WriteAsync(
                    context.GetArgument<Guid>("listingId"), GraphContext.Valid(context.GetArgument<CalendarWrite>("input")), context.Caller(), context.CancellationToken)).Unwrap();
            });
}
