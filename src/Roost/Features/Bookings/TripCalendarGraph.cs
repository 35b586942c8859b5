using GraphQL.Types;
using Roost.Platform.GraphQL;

namespace Roost.Features.Bookings;

/// <summary>The trips feed's address as GraphQL fields, through the same <see cref="TripCalendars"/> methods.</summary>
public static class TripCalendarGraph
{
    public static void AddTripCalendarQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<RecordGraphType<TripCalendarResponse>>>("tripCalendar")
            .Description("The secret address of your trips' calendar feed, for a calendar app to subscribe to.")
            .ResolveAsync(async context => await context.Service<TripCalendars>().UrlAsync(context.RequireUserId(), context.CancellationToken));

    public static void AddTripCalendarMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RecordGraphType<TripCalendarResponse>>>("rotateTripCalendar")
            .Description("A new secret address for your trips' feed; the old one stops working.")
            .ResolveAsync(async context => await context.Service<TripCalendars>().RotateAsync(context.RequireUserId(), context.CancellationToken));
}
