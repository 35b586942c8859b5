using GraphQL.Types;
using Roost.Features.Accounts;
using Roost.Features.Listings;
using Roost.Platform.GraphQL;

namespace Roost.Features.Bookings;

public sealed class TodayStayGraphType : RecordGraphType<TodayStay>
{
    public TodayStayGraphType()
    {
        Name = "TodayStay";
        Description = "A stay in a host's day, placed by the day it is where its home is.";
        Field<NonNullGraphType<UserGraphType>>("guest").Description("Batched.").Resolve(context => context.Profile(context.Source.GuestId));
        Field<ListingGraphType>("listing").Description("Batched.").Resolve(context => context.Listing(context.Source.ListingId));
    }
}

public sealed class HostDayGraphType : ObjectGraphType<HostDay>
{
    public HostDayGraphType()
    {
        Name = "HostDay";
        foreach (var (name, pick) in new (string, Func<HostDay, IReadOnlyList<TodayStay>>)[]
        {
            ("arriving", d => d.Arriving), ("leaving", d => d.Leaving), ("staying", d => d.Staying), ("upcoming", d => d.Upcoming), ("requests", d => d.Requests),
        })
        {
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<TodayStayGraphType>>>>(name).Resolve(context => pick(context.Source));
        }
    }
}

public static class HostTodayGraph
{
    public static void AddHostTodayQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<HostDayGraphType>>("hostToday")
            .Description("Your day: arrivals, departures, stays under way, the next week's arrivals and requests waiting, over your listings and those you co-host.")
            .ResolveAsync(async context => await context.Service<HostToday>().ForAsync(context.RequireUserId(), context.CancellationToken));
}
