using GraphQL;
using GraphQL.Types;
using Roost.Platform.GraphQL;

namespace Roost.Features.Listings;

public sealed class CoHostGraphType : RecordGraphType<CoHostResponse>
{
    public CoHostGraphType()
    {
        Name = "CoHost";
        Description = "A co-host of a listing, or an invitation to become one (status invited, active or expired).";
    }
}

/// <summary>The same co-host routes as REST's, through the same <see cref="CoHosts"/> methods.</summary>
public static class CoHostGraph
{
    public static void AddCoHostQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoHostGraphType>>>>("listingCoHosts").Description("A listing's co-hosts and open invitations (its host and admins).")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<CoHosts>().TeamAsync(context.Id("listingId"), context.Caller(), context.CancellationToken)).Unwrap();
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoHostGraphType>>>>("myCoHosting").Description("Invitations to your address and the listings you co-host.")
            .ResolveAsync(async context => await context.Service<CoHosts>().MineAsync(context.RequireUserId(), context.CancellationToken));
    }

    public static void AddCoHostMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CoHostGraphType>>("inviteCoHost").Description("The host invites someone, by e-mail address, to co-host.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<RecordInputGraphType<InviteCoHostRequest>>>("input")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                return (await context.Service<CoHosts>().InviteAsync(
                    context.Id("listingId"), GraphContext.Valid(context.GetArgument<InviteCoHostRequest>("input")), context.Caller(), context.CancellationToken)).Unwrap();
            });
        // The field's first name said access only; it stays, deprecated, for clients written against it.
        foreach (var (name, deprecation) in new[] { ("changeCoHost", null), ("changeCoHostAccess", "Use changeCoHost: it changes the payout share too.") })
        {
            mutation.Field<NonNullGraphType<CoHostGraphType>>(name).Description("The host changes what a co-host may do, their payout share, or both.")
                .DeprecationReason(deprecation)
                .Argument<NonNullGraphType<IdGraphType>>("listingId")
                .Argument<NonNullGraphType<IdGraphType>>("coHostId")
                .Argument<NonNullGraphType<RecordInputGraphType<ChangeCoHostRequest>>>("input")
                .ResolveAsync(async context =>
                {
                    context.RequireUserId();
                    var input = GraphContext.Valid(context.GetArgument<ChangeCoHostRequest>("input"));
                    return (await context.Service<CoHosts>().ChangeAsync(context.Id("listingId"), context.Id("coHostId"), input, context.Caller(), context.CancellationToken)).Unwrap();
                });
        }

        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeCoHost").Description("The host removes a co-host or withdraws an invitation; a co-host leaves.")
            .Argument<NonNullGraphType<IdGraphType>>("listingId")
            .Argument<NonNullGraphType<IdGraphType>>("coHostId")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                (await context.Service<CoHosts>().RemoveAsync(context.Id("listingId"), context.Id("coHostId"), context.Caller(), context.CancellationToken)).ThrowIfFailed();
                return true;
            });
        foreach (var (name, accept) in new[] { ("acceptCoHostInvitation", true), ("declineCoHostInvitation", false) })
        {
            mutation.Field<NonNullGraphType<CoHostGraphType>>(name).Description(accept ? "Accept an invitation (your address must be confirmed)." : "Decline an invitation.")
                .Argument<NonNullGraphType<IdGraphType>>("invitationId")
                .ResolveAsync(async context => (await context.Service<CoHosts>().AnswerAsync(
                    context.Id("invitationId"), accept, context.RequireUserId(), context.CancellationToken)).Unwrap());
        }
    }
}
