using GraphQL;
using GraphQL.Types;
using Roost.Features.Bookings;
using Roost.Platform.GraphQL;
using Roost.Platform.Http;

namespace Roost.Features.Claims;

public sealed class StayClaimGraphType : RecordGraphType<ClaimResponse>
{
    public StayClaimGraphType()
    {
        Name = "StayClaim";
        Description = "Money one side of a stay asks of the other: a host for damage, a guest for a refund. The other side accepts or declines; Roost decides what is left.";
    }
}

public sealed class StayClaimPageGraphType() : PageGraphType<StayClaimGraphType, ClaimResponse>("StayClaimPage");

public sealed class ClaimStatusGraphType : EnumerationGraphType<ClaimStatus>
{
    public ClaimStatusGraphType() => Name = "ClaimStatus";
}

/// <summary><c>Booking.claims</c>: the same list as REST's.</summary>
public sealed class BookingClaimsField : IGraphExtension<BookingGraphType>
{
    public void Extend(BookingGraphType type) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StayClaimGraphType>>>>("claims").Description("Claims on the stay (damage and refund), newest first.")
            .ResolveAsync(async context => (await context.Service<StayClaims>().ListAsync(context.Source.Id, context.Caller(), context.CancellationToken)).Unwrap());
}

public static class ClaimGraph
{
    public static void AddClaimQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<StayClaimPageGraphType>>("claims").Description("Admin: claims by status (default ESCALATED), oldest first.")
            .Argument<ClaimStatusGraphType>("status", a => a.DefaultValue = ClaimStatus.Escalated)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                context.RequireAdmin();
                var first = context.GetArgument<int>("first");
                PageRequest.Check<ClaimsCursor>(first, context.GetArgument<string?>("after"), out var after).ThrowIfFailed();
                return await context.Service<StayClaims>().QueueAsync(context.GetArgument<ClaimStatus>("status"), first, after, context.CancellationToken);
            });

    public static void AddClaimMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<StayClaimGraphType>>("fileClaim").Description("Host: ask the guest to pay for damage (after check-out); guest: ask the host for money back (from check-in); within 14 days of check-out.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<RecordInputGraphType<FileClaimRequest>>>("input")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (id, input) = (context.Id("bookingId"), GraphContext.Valid(context.GetArgument<FileClaimRequest>("input")));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { id, input }, async () =>
                    (await context.Service<StayClaims>().FileAsync(id, input, context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.AddIdempotentAnswer<StayClaimGraphType, ClaimResponse, StayClaims>("acceptClaim", "The side asked: accept; the money moves (damage: charged to the guest; refund: back to the guest from the host's share).", "bookingId", "claimId", (c, b, id, u, t) => c.AcceptAsync(b, id, u, t));
        mutation.Field<NonNullGraphType<StayClaimGraphType>>("declineClaim").Description("The side asked: decline, saying why; whoever asked may then send it to Roost.")
            .Argument<NonNullGraphType<IdGraphType>>("bookingId")
            .Argument<NonNullGraphType<IdGraphType>>("claimId")
            .Argument<StringGraphType>("note")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                context.RequireUserId();
                var (bookingId, claimId, input) = (context.Id("bookingId"), context.Id("claimId"), GraphContext.Valid(new DeclineClaimRequest(context.GetArgument<string?>("note"))));
                return await context.IdempotentAsync(context.GetArgument<string?>("idempotencyKey"), required: false, new { bookingId, claimId, input }, async () =>
                    (await context.Service<StayClaims>().DeclineAsync(bookingId, claimId, input.Note, context.Caller(), context.CancellationToken)).Unwrap());
            });
        mutation.AddIdempotentAnswer<StayClaimGraphType, ClaimResponse, StayClaims>("escalateClaim", "Whoever asked: send a declined or unanswered claim to Roost to decide.", "bookingId", "claimId", (c, b, id, u, t) => c.EscalateAsync(b, id, u, t));
        mutation.AddIdempotentAnswer<StayClaimGraphType, ClaimResponse, StayClaims>("withdrawClaim", "Whoever asked: withdraw a claim not yet settled.", "bookingId", "claimId", (c, b, id, u, t) => c.WithdrawAsync(b, id, u, t));
        mutation.Field<NonNullGraphType<StayClaimGraphType>>("decideClaim").Description("Admin: grant all or part of an escalated claim (the money moves as on acceptance) or reject it.")
            .Argument<NonNullGraphType<IdGraphType>>("claimId")
            .Argument<NonNullGraphType<RecordInputGraphType<DecideClaimRequest>>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                var adminId = context.RequireAdmin();
                var (id, input) = (context.Id("claimId"), GraphContext.Valid(context.GetArgument<DecideClaimRequest>("input")));
                return await context.IdempotentAsync(context.GetArgument<string>("idempotencyKey"), required: true, new { id, input }, async () =>
                    (await context.Service<StayClaims>().DecideAsync(id, input, adminId, context.CancellationToken)).Unwrap());
            });
    }
}
