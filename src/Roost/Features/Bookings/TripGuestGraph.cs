using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;

namespace Roost.Features.Bookings;

/// <summary>The travel-companion routes as GraphQL fields, through the same <see cref="TripGuests"/> methods.</summary>
public static class TripGuestGraph
{
    public static void AddTripGuestQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<TravellerResponse>>>>>("bookingTravellers").Description("Who travels on a booking (its guest, the companions, admins).")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<TripGuests>().ListAsync(context.Id("bookingId"), context.Caller(), context.CancellationToken)).Unwrap();
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<TravellerResponse>>>>>("myTripInvitations").Description("Invitations to your address and the trips you joined.")
            .ResolveAsync(async context => await context.Service<TripGuests>().MineAsync(context.RequireUserId(), context.CancellationToken));
    }

    public static void AddTripGuestMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordGraphType<TravellerResponse>>>("inviteTraveller").Description("The guest who booked invites a travel companion by e-mail address.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<RecordInputGraphType<InviteTravellerRequest>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<TripGuests>().InviteAsync(
                    context.Id("bookingId"), GraphContext.Valid(context.GetArgument<InviteTravellerRequest>("input")), context.Caller(), context.CancellationToken)).Unwrap();
            });
        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeTraveller").Description("The guest takes a companion off the trip, or a companion leaves it.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<IdGraphType>>("travellerId")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                (await context.Service<TripGuests>().RemoveAsync(context.Id("bookingId"), context.Id("travellerId"), context.Caller(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        foreach (var (name, accept) in new[] { ("acceptTripInvitation", true), ("declineTripInvitation", false) })
        {
            mutation.Field<NonNullGraphType<RecordGraphType<TravellerResponse>>>(name).Description(accept ? "Join a trip (your address must be confirmed)." : "Decline an invitation to a trip.")
                .Argument<NonNullGraphType<IdGraphType>>("invitationId")
                .ResolveAsync(async context => (await context.Service<TripGuests>().AnswerAsync(
                    context.Id("invitationId"), accept, context.RequireUserId(), context.CancellationToken)).Unwrap());
        }
    }
}
